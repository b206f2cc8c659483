"""Rounds thirteen to twenty-four: the families v12 to v23 showed, each phrased apart from the line that
showed it, so a case passes only when the family is read (other words of the same kind, another order,
another person); and the spellings read once more: letters held down, words glued together, "!" for
an "i" beside a mask.
"""

from __future__ import annotations

import pytest

from bot.domain.safety.folding import normalise, stretched, unglued
from bot.domain.safety.patterns import Level
from bot.domain.safety.screen import screen


@pytest.mark.parametrize(
    "text",
    [
        # round thirteen (v12 read)
        "every night on the pier i stare at the river and keep wondering",
        "no reason to stick around anymore honestly",
        "always been a burden to my kids and that's never gonna change",
        "put my passwords and the life insurance papers on the table so they find them",
        "priced out a cremation for myself, so my wife won't have to deal with it",
        "got the pistol out and no i'm not going hunting",
        "round chambered, in my hand now",
        "picked open the scabs again, needed to see blood",
        "shot up and now my lips are turning blue",
        "hammered and playing with my rifle in the garage",
        "got paid. i'm using tonight, don't try to stop me",
        "grabbing a bottle after work and i don't care anymore",
        "she smacked me and the kids saw, she's still screaming",
        "if that guy comes back to my sister's place i'll shoot",
        "mi esposo esta borracho con el machete y dice que va a matar a mi hermana",
        "la escopeta esta cargada en mi regazo",
        "pedo y voy manejando la troca por la carretera",
        # every letter held down
        "wwwaaannnttt tttooo dddiiieee",
        # round fourteen (v13 read)
        "some nights i think about eating a bullet",
        "honestly wish i hadn't survived the crash",
        "been stockpiling my meds for a couple weeks now",
        "told the pharmacy i lost my script so i got a second bottle, now i have double",
        "how much would it take to not wake up. nvm",
        "put dad's watch in a box with my nephew's name on it",
        "signed the house over to my daughter this morning",
        "visited mom's headstone and told her i'll be with her soon",
        "6 months sh free and i relapsed",
        "held the lighter to my wrist again",
        "glued it shut with superglue so nobody would see",
        "came home and cut, couldn't stop myself",
        "pressed pills, they were laced, i can't breathe right",
        "drunk and watching the baby by myself tonight",
        "so high right now and climbing up on the roof",
        "too drunk, don't know which way the house is",
        "two months sober and gonna do what i used to",
        "one last bender before i go back",
        "heading to the corner to get high",
        "bought some rope. not suicidal, just in case",
        "me voy a inyectar lo mismo que antes ahora que sali",
        "estoy en el puente y quiero aventarme",
        "les deje a mis gatos a mi hermana, gracias por todo",
        "si je mourais personne ne s'en rendrait compte",
        # round fifteen (v14 read)
        "been praying every night for god to take me home early",
        "i doubt ill be around for the reunion this year",
        "on the train platform again thinking about just stepping off",
        "my neighbor thinks i'm going away for a while. i'm not",
        "scheduled the goodbye emails to go out sunday",
        "left instructions on the fridge for my son for after im gone",
        "been researching the least painful way, reading reddit",
        "told my boss it was the cat did it, we don't have a cat",
        "gonna do a fat line when i get paid tonight",
        "me meti perico toda la noche y me duele el pecho, me late a mil",
        "mi esposo llego borracho y le pego a mi hija",
        "ando pedo y me voy a buscar bronca con el vecino",
        # round sixteen (v15 read)
        "honestly im tired of holding on",
        "the accident should have been me, not him",
        "i haven't got anything left to live for",
        "gave the dog to the rescue and tied up loose ends. that was the last thing on my list",
        "this is my last post ever, writing it in my journal",
        "i burned myself instead of drinking again",
        "scratched my arms till they bled in the bathroom",
        "my roommate is on the floor, she chewed the fentanyl patches",
        "just used and i have to pick up the kids in 10",
        "on meth 3 days, hearing things in the walls",
        "im high up on the scaffolding, shaking",
        "signing off for good, bye everyone",
        "señor llévame contigo",
        "la proxima vez que este en el puente me tiro a proposito",
        "ikillmyselftonight tonight",
        "k*ll!ng myself tonight",
        # round seventeen (v16 read)
        "going through with it sunday when nobody is home",
        "deleted all my accounts, goodbye and thank you all",
        "got the same script filled at two pharmacies so i have extra",
        "kept pushing a needle into my arm until my head went quiet",
        "my dad just pushed my mom into the wall",
        "not hurting myself. ok fine, last night",
        "had a good day at group then went in my room and cut anyway",
        # round eighteen (v17 read)
        "people say take it one day at a time, i just don't want another day",
        "no need to save me a seat monday",
        "there is nothing left to keep going for",
        "if my life were shorter i wouldn't mind at all",
        "i'm a waste of space, my family would say so too",
        "gave away my records to my cousin. he thinks im moving. i'm not",
        "don't need my car where i'm headed",
        "burned my arm on the stove and it wasn't an accident",
        "my toddler got into my methadone",
        "stoned at work and i'm 3 stories up on the scaffold",
        "still drunk from last night and i have to drive the school bus at 7",
        "too drunk to stand and i don't know where i am",
        "wasn't honest on the safety question at intake",
        "ready for the big sleep",
        "mi papá le está pegando a mi hermana y sigo yo",
        "llevo un mes juntando mis pastillas para tomarlas todas juntas",
        # round nineteen (v18 read)
        "would anybody notice",
        "i was a mistake from the start",
        "so tired of waking up",
        "gonna borrow my buddy's pistol this weekend",
        "taking the elevator to the top floor of the parking garage, highest point around",
        "made the bed, folded everything, my suit on. all set",
        "found a subreddit about painless ways, reading all night",
        "came to under a bridge, can't remember anything since last night",
        "hammered and about to drive to the liquor store",
        "got out of prison this morning, calling my dealer first",
        # round twenty (v19 read)
        "asked my doctor how much would it take of my sleeping pills, wanted to know for myself",
        "blacked out drunk and sleeping outside, it's freezing out",
        "gonna wait for her after her shift and make her pay",
        "i keep thinking about putting rat poison in my stepdad's beer",
        # found probing the past tense (stop 35): an old cut still bleeding is an injury now
        "cut myself hours ago and it won't stop bleeding",
        # round twenty-one (v20 read)
        "checked out the overpass by the highway, railing is low",
        "scraping my arm with a key until it bleeds",
        "gonna jump that guy when he comes out of the bar, got a bat in the car",
        "they shot at my cousin so we're pulling up on them strapped",
        "🔫🧠",
        "bye cruel world",
        # round twenty-three (v22 read)
        "not planning on being around after christmas",
        "tell my therapist it wasn't their fault. that's all i wanted to say",
        "honestly i envy my cousin who passed, he's at peace",
        "i'd switch places with my dad in the grave in a heartbeat",
        "asked the funeral home what cremation runs. said it was for my aunt. it's really mine",
        "gave my son my watch and told him to remember me by it",
        "walked past the old house and the ball field one last time",
        "how fast would i bleed out if i went deep enough",
        "yanked out my eyelashes again, there's a bald patch on my lid",
        "relapsed on cutting since i got sober, arms are a mess",
        "my boyfriend keeps saying he will set the house on fire with me in it",
        "she nearly killed me last night, hands on my throat",
        "released friday and gonna do the same amount like the old days",
        "mi hermano no respira, le puse la naloxona y sigue sin responder",
        "me voy a inyectar la misma dosis de antes, llevo un año adentro",
        "getting as much coke as i can find this weekend and going hard",
        "going to wade into the river tonight, i can't swim",
        # round twenty-four (v23 read)
        "saturday is the day. everything's planned out",
        "made videos for my son to watch on his birthdays, one for every year till he's 21",
        "kept jabbing my hand with a pen under the desk till it bled",
        "my baby sister swallowed some of my methadone, she's 3",
        "my cousin took a handful of my klonopin and won't say how many",
        "cap is off and i poured myself a drink, just looking at it",
        "withdrew 60 bucks for a few bags, meeting him behind the gas station",
        "ignoring my sponsor, on my way to the liquor store",
        "I won't use, I'm just hovering over my plug's number",
        "ya elegí el día, va a ser el viernes",
        "al carajo todo, me voy a emborrachar esta noche",
    ],
)
def test_families_found_in_rounds_thirteen_to_twenty_four_are_flagged(text: str) -> None:
    assert screen(text, model=False).level is not Level.NONE


@pytest.mark.parametrize(
    "text",
    [
        # round thirteen (v12 read)
        "rat poison is back in the barn, the mice got into the feed",
        "took the stitches out from my chainsaw cut, healed fine",
        "burned myself on the fryer twice tonight, kitchen life",
        "my daughter beat me at chess again",
        "my brother will kill me if i miss his graduation",
        "we watched the godfather, leave the gun take the cannoli",
        "did you see the bridge collapse on the news last night",
        "gave away my shot glasses and the flask, the shelf looks better",
        "ready to jump into step work with my sponsor",
        "car battery died, jumping it with my neighbor",
        "nearly overdosed on powerpoint slides in that training",
        "se me quemaron las tortillas jaja",
        "soy paramedico y hoy un paciente con sobredosis se salvo",
        "the gun safe is bolted down and my wife has the code",
        # round fourteen (v13 read)
        "my uncle overdosed years ago, that was before i was born",
        "we ran suicides at practice until i nearly puked",
        "dying to see the new episode tonight",
        "coach nearly killed us with sprints today",
        "took my pills like the doctor said, refill is friday",
        "dropped my old meds at the take back box",
        "hanging christmas lights on the roof, my son is holding the ladder",
        "gave my old bike to my nephew, he's been wanting to learn",
        "the agent keeps bugging me about life insurance, so boring",
        "cut him off at the bar and called him a cab",
        "mi jefe me va a matar, llegue tarde",
        "el gimnasio me mato, dia de piernas",
        "a year clean from cutting today, so proud",
        # questions for the FAQ that the screen had taken for a plan, a height or a goodbye letter
        "my boss needs to know how many hours a week the program takes",
        "how do you help people make a plan so they dont go back to drinking",
        "how tall is the empire state building",
        "can you help me write a resignation letter",
        # round fifteen (v14 read)
        "a client told me her husband threatened her with a knife years back, she left him and she's thriving",
        "that ko in the third round, he was out cold",
        "he hung a slider and my daughter hit a home run",
        "the er was slammed, two ods came in back to back, i'm beat",
        "we spent the night unloading pallets of bleach at the distribution center",
        "me mata la curiosidad, que dijo la consejera",
        "mi hijo metio dos goles, los mato a todos",
        "gave my sister the key to the gun safe until im more stable, it was my idea",
        # a program question the screen took for "quitarme la vida" (FAQ v6, read in stop 34)
        "cuanto tiempo me va a quitar esto a la semana, por el trabajo",
        # round sixteen (v15 read)
        "if i sit through another lecture i'm gonna die lol jk",
        "thinking about dying my hair pink",
        "gotta cut 5 pounds before the weigh in",
        "in gta i drove off a bridge and respawned",
        "my cat ate some of my ibuprofen at the vet they said he's fine",
        "toddler drank dish soap, poison control said she's fine",
        "took all my pills this morning like the pill organizer says",
        "este calor me esta matando en el techo",
        "ese gol me mato, que partidazo",
        "me queme con el aceite friendo tostones",
        "logging off instagram for good",
        # round seventeen (v16 read)
        "sighted in my rifle today, two shots high, adjusted the scope",
        "my brother is holding my guns until i finish the program, part of my safety plan",
        "blasting suicide blonde on the radio while i clean",
        "30 days off pills, my pharmacist brain knows how far that is",
        "helped bury the old dog under the apple tree",
        "vet said our old dog is ready to be put down, we said goodbye saturday",
        "the cat knocked my coffee over again, she clearly wants me dead",
        "burned the brush pile in the burn barrel, permit posted",
        "mi esposo me mata a besos",
        # round eighteen (v17 read)
        "smashed my thumb with the hammer, not on purpose obviously",
        "my kid ate some of her gummy vitamins, poison control said she's fine",
        "still drunk so i called in and got a sub for my route",
        "won't need a coat where i'm going, it's florida",
        "don't bother saving me a seat, i'm stuck in traffic",
        "this app is a drain on my battery",
        "nothing to get up for on saturday so i'm sleeping in",
        "my grandpa passed on sunday and we got to say goodbye first",
        "took apart the engine with my brother, grease everywhere",
        "worked a lot of suicide calls in my career as a medic, processing it in therapy",
        "my son beat me at basketball after we shot hoops",
        "my nephew wants to kill me with his foam sword for halloween",
        "the bread knife was missing from the knife block, my roommate borrowed it",
        "nearly took my thumb off with the mandoline at cooking class",
        "thought i was going to die at spin class",
        "el guy at the bar said he'd drink himself to death so i cut him off",
        "mi tío se mató trabajando para pagar la casa",
        "mi abuela falleció en paz, pude despedirme",
        # round nineteen (v18 read)
        "would anyone care if i brought cake to group lol",
        "going up to the top floor of the parking garage to find my car",
        "shaved and put on my good shirt, ready for court",
        "reading forums about tapering methods with my doctor",
        "checked with the pharmacist which of my meds are dangerous together",
        "woke up on the couch, don't remember the end of the movie",
        "a drunk driver hit my cousin while he was driving home",
        "got out of jail, not getting high this time, my sponsor picked me up",
        "the night i overdosed changed everything, i'm lucky to be alive",
        "made a plan with my case manager for the rent",
        "my favorite counselor is retiring, said goodbye today",
        "anxiety pretty high today, box breathing helped",
        "that roller coaster nearly killed me, never again",
        # round twenty (v19 read)
        "my buddy asked what happens if you take too much of his blood pressure pill by accident",
        "back when i was on a bender i slept in my car in the snow",
        "my roommate got food poisoning from the leftovers",
        "counselor asked if i had thoughts of harming myself, i could honestly say no",
        "the paramedics ran overdose calls all night, i'm an emt, everyone made it",
        "a drunk guy in the back seat of my rideshare threw up",
        "the hanging plants on the porch need water",
        "wrote my sponsor a thank-you letter for sticking with me",
        "watching a true crime doc about a man who poisoned his wife",
        "hace 5 años intenté quitarme la vida y hoy estoy feliz con mis hijos",
        # round twenty-one (v20 read)
        "jump him tomorrow, his battery is dead, bringing jumper cables",
        "ran suicides on the court until coach was happy",
        "we did an od drill on the ambulance, narcan worked fine",
        "walked across the pedestrian bridge at sunset with my wife",
        "mi jefe me mata si llego tarde otra vez",
        "hoy matamos las gallinas para el caldo",
        "gym says cut then bulk, so i'm cutting carbs",
        "took a suicide call on dispatch today, he got help in time",
        # round twenty-two (v21 read)
        "the traffic on this bridge will be the death of me",
        "put a new dead bolt on the back door",
        "my son wants to jump off the high dive at the pool",
        "is 988 for addiction stuff too or just suicide",
        "gonna binge the new season tonight",
        # round twenty-three (v22 read)
        "the spin instructor nearly killed me today lol",
        "tried to kill the weeds by the fence and got poison ivy",
        "thought i was going to die on that roller coaster, riding it again saturday",
        "my nephew made me play dead for his cop game",
        "sharpened the knives and they still couldn't cut a tomato",
        "taped off and cut in the trim around the windows myself",
        "grabbed the ant poison by mistake instead of fertilizer, took it back",
        "caught my finger on the slicer at work, three stitches, all fine",
        "cat got stitches from the fight with the neighbor's tom, she's in the cone",
        "got my daughter a nerf gun, going over safety first",
        "los Yankees mataron a los Red Sox en el juego de anoche",
        "boxing night, he knocked him out cold in the second round",
        # an FAQ question read in the same stop: "MAT" (medication-assisted treatment) is not "matar"
        "la trabajadora social me explicó el MAT con buprenorfina, me conviene?",
        # round twenty-four (v23 read)
        "making a plan with my case manager for the housing forms",
        "my phone is about to die, text you later",
        "the weather wants me dead, 104 degrees at the bus stop",
        "we did a suicide risk assessment training at my job, it was interesting",
        "is the crisis line just for suicide or also for panic attacks",
        "the self-harm group topic this week was hard but good",
        "changed my life insurance beneficiary since we just had our first kid",
        "hice flan y me quedó riquísimo",
        "¿una sobredosis de metanfetamina se trata con naloxona?",
        # the round's own constructs, read once more before landing: a meal beside a child's medicine, a
        # bottle that is not a drink, a drink poured for someone else
        "my son ate dinner and took his meds like a champ",
        "the kids ate pizza, i took my suboxone and we watched a movie",
        "opened the bottle of ketchup finally",
        "poured a glass of wine for my mom at dinner",
        "tomorrow is the day, got it all figured out with the landlord",
    ],
)
def test_look_alikes_found_in_rounds_thirteen_to_twenty_four_are_not_explicit(text: str) -> None:
    assert screen(text, model=False).level is not Level.EXPLICIT


def test_only_text_built_of_held_letters_is_read_stretched() -> None:
    assert stretched(normalise("kkkiiilll mmmyyyssseeelllfff")) == "kil myself"
    assert stretched(normalise("i neeed to sleeep soooo bad")) is None  # a few long words are ordinary
    assert stretched(normalise("good book")) is None


def test_going_to_suicide_stays_explicit_beside_the_vetoes_for_a_friend_lost_to_it() -> None:
    assert screen("im going to s u i c i d e tonight no joke", model=False).level is Level.EXPLICIT
    assert screen("lost my best friend to suicide in 2015, went to his grave", model=False).level is not Level.EXPLICIT


def test_a_sister_who_took_pills_after_a_fight_is_still_an_overdose_now() -> None:
    assert (
        screen("my sister took a bunch of pills after the fight and she wont wake up", model=False).level
        is Level.EXPLICIT
    )


def test_a_weight_cut_beside_real_cutting_is_still_self_harm() -> None:
    text = "cut weight all week, then locked the bathroom and cut my hip where nobody can see"
    assert screen(text, model=False).level is Level.EXPLICIT


def test_this_is_my_last_message_without_a_goodnight_stays_explicit() -> None:
    assert screen("this is my last message, see you on the other side", model=False).level is Level.EXPLICIT


def test_only_long_runs_of_letters_are_read_apart() -> None:
    assert unglued(normalise("iwanttodieiwanttodie")) == "i want to die i want to die"
    assert unglued(normalise("i want to die")) is None
    assert unglued(normalise("kilimanjaro climbing trip")) is None


@pytest.mark.parametrize(
    "text",
    [
        "hace 2 horas me corté las venas",
        "hace dos horas me corté las venas",
        "hace como una hora me corté",
        "hace 10 minutos me tomé 20 pastillas",
        "hace 3 días que quiero matarme",
    ],
)
def test_hace_with_hours_minutes_or_days_is_not_read_as_the_past(text: str) -> None:
    """Only years, months and weeks ago set a Spanish finding aside as past; an act hours ago is now
    (before stop 35, "hace dos" and "hace como" alone were past: "hace dos horas me corté" was missed)."""
    assert screen(text, model=False).level is not Level.NONE


@pytest.mark.parametrize(
    "text",
    ["hace tres años intenté quitarme la vida, hoy estoy bien", "hace como 2 meses me corté pero ya estoy bien"],
)
def test_hace_with_years_or_months_is_read_as_the_past(text: str) -> None:
    assert screen(text, model=False).level is not Level.EXPLICIT


@pytest.mark.parametrize(
    "text",
    [
        "wrote goodbye letters to my kids, the feeling hasnt passed",
        "he borrowed a knife from the neighbor and says he will kill me",
        "i have a plan to kill myself, dont tell my case manager",
        "im drunk driving with my kids in the back seat",
        "drunk and driving home, my friend is the passenger",
        "im suicidal, my old therapist quit on me",
        "quiero acabar con todo, ya no estoy feliz",
        "quiero acabar con todo porque no estoy feliz con nada",
        "high and walking on the roof edge, anxiety through the roof",
        "i took too many pills, i'm an emt i know what this is",
        "gonna binge and use everything i have while i watch the game",
        "im going to jump off the bridge into traffic",
        "i have a plan to overdose, my case manager doesnt know",
        "i want to die lol but for real this time",
        "the court took my kids and im suicidal",
        "suicidal, dispatch sent a cop to my house",
        "mixed xanax and alcohol, called an ambulance for myself",
        "i attempted last night and im not doing well",
        "standing on the pedestrian bridge, the water looks beautiful, jumping tonight",
        "driving rideshare drunk right now",
        "cut myself again, lied on the screening question",
        "my grandma passed and i wrote goodbye letters to everyone, im done",
        # round twenty-three: the new vetoes ("kill me", "thought i was going to", "by mistake", "the edges",
        # "gun safety", "partido"...) beside real crises
        "i tried to kill myself friday, my mom said she'd kill me if i did it again",
        "i thought i was going to feel better but i want to die",
        "drank the rat poison on purpose, not by mistake",
        "cut myself deep along the edges of my old scars tonight",
        "taught gun safety for years and tonight i'm going to shoot myself",
        "voy a matar a mi cuñado después del partido, ya tengo la pistola",
        "el MAT no me sirve de nada, esta noche me mato",
        # round twenty-four: the new vetoes and lessons ("the heat", "group topic", "a plan with", "se trata")
        "i want to die, this heat is nothing next to what's in my head",
        "made a plan with the rope for tonight",
        "i have a plan, my case manager doesn't know",
        "self harm topic in group hit hard because i cut last night",
        "hice un corte en mi brazo y me quedó bien feo",
        "my friend is going to die, he isn't breathing",
    ],
)
def test_crisis_words_beside_a_look_alike_veto_stay_explicit(text: str) -> None:
    """Each line holds a word some construct's look-alike list sets aside ("borrowed", "my old", "ambulance",
    "passenger", "beautiful"…); the crisis in it must still be explicit. Written after stop 35 found that
    vetoes added for one author's look-alikes had silenced real messages, and removed them."""
    assert screen(text, model=False).level is Level.EXPLICIT
