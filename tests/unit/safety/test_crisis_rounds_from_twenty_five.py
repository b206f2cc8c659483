"""Rounds from twenty-five on (v24 to v42 read): the families each newly read held-out set showed,
phrased apart from the line that showed them (another person, other words of the same kind, another
order), and the everyday look-alikes beside them, each with the level the screen must give without the
learned layer.
"""

from __future__ import annotations

import pytest

from bot.domain.safety.patterns import Category, Level
from bot.domain.safety.screen import screen


@pytest.mark.parametrize(
    ("text", "level", "category"),
    [
        # round twenty-five (v24 read)
        ("honestly part of me is praying this infection finishes me off", Level.POSSIBLE, Category.SUICIDE),
        ("handed my sister my 2 year coin, told her i won't be needing it", Level.EXPLICIT, Category.SUICIDE),
        (
            "kissed my daughter goodbye at the bus stop and said I love you no matter what. that was the last time"
            " she'll see me",
            Level.EXPLICIT,
            Category.SUICIDE,
        ),
        ("drove past the overpass three times to check when nobody's around", Level.EXPLICIT, Category.MEANS_OR_PLAN),
        (
            "my cat's food and her vet papers are packed up for my neighbor if anything happens",
            Level.POSSIBLE,
            Category.SUICIDE,
        ),
        ("my mom noticed the scratches and I lied about it again", Level.POSSIBLE, Category.SELF_HARM),
        ("a few beers with my seroquel and i keep dozing off", Level.EXPLICIT, Category.INTOXICATED_UNSAFE),
        ("third day without a drink and I feel a seizure coming", Level.EXPLICIT, Category.INTOXICATED_UNSAFE),
        (
            "she told me if i talk in group she'll make me pay. i'm scared to go home",
            Level.EXPLICIT,
            Category.VIOLENCE_AT_HOME,
        ),
        ("he texted that if I tell my counselor I'm dead", Level.POSSIBLE, Category.VIOLENCE_AT_HOME),
        ("ando bien pedo y sola y hace un frio horrible", Level.EXPLICIT, Category.INTOXICATED_UNSAFE),
        ("jestem pijana i siadam za kierownicę", Level.EXPLICIT, Category.INTOXICATED_UNSAFE),
        ("nie chcę już żyć", Level.EXPLICIT, Category.SUICIDE),
        # round twenty-six (v25 read)
        ("sometimes i wish the paramedics hadnt brought me back", Level.POSSIBLE, Category.SUICIDE),
        ("honestly better that my son remember me before the drugs", Level.POSSIBLE, Category.SUICIDE),
        ("my family would be so relieved if i was gone for good", Level.POSSIBLE, Category.SUICIDE),
        ("my therapist asked for reasons to live and I couldn't find one", Level.POSSIBLE, Category.SUICIDE),
        ("note for my husband is on my pillow", Level.POSSIBLE, Category.SUICIDE),
        ("one last visit with my brother today, told him i love him", Level.POSSIBLE, Category.SUICIDE),
        ("got every refill early, told the pharmacist i was traveling", Level.POSSIBLE, Category.MEANS_OR_PLAN),
        ("went to confession, wanted to be clean before", Level.POSSIBLE, Category.SUICIDE),
        ("found new homes for both cats, nothing keeping me here now", Level.EXPLICIT, Category.SUICIDE),
        ("left my sponsor a card, he'll find it after", Level.POSSIBLE, Category.SUICIDE),
        ("freight train comes through behind the plant at 11, thats the one", Level.EXPLICIT, Category.MEANS_OR_PLAN),
        ("no memory of the last 4 hours and theres blood on my hands", Level.EXPLICIT, Category.INTOXICATED_UNSAFE),
        (
            "lied to the doctor about my history and got percs, gonna pop a few in the parking lot",
            Level.POSSIBLE,
            Category.USE_INTENT,
        ),
        ("my old plug is bringing over some blues, i said yes", Level.POSSIBLE, Category.USE_INTENT),
        ("le voy a romper la madre a mi ex cuando lo vea", Level.EXPLICIT, Category.HARM_TO_OTHERS),
        ("quiero ir a la cantina saliendo de aqui, nomas una", Level.POSSIBLE, Category.USE_INTENT),
        ("ayoko na, tapusin ko na buhay ko ngayong gabi", Level.EXPLICIT, Category.SUICIDE),
        # round twenty-seven (v26 read)
        (
            "serious question, what happens to your tattoos when you die? asking for myself",
            Level.POSSIBLE,
            Category.SUICIDE,
        ),
        ("ran a bath and the space heater is plugged in right there", Level.EXPLICIT, Category.MEANS_OR_PLAN),
        # round twenty-eight (v27 read)
        ("honestly i can't imagine anything past tomorrow", Level.POSSIBLE, Category.SUICIDE),
        ("i hope a truck hits me on the way home tbh", Level.POSSIBLE, Category.SUICIDE),
        ("you can cancel my session monday and any after that. thanks for trying", Level.POSSIBLE, Category.SUICIDE),
        ("gonna use my rifle on saturday when she's at her moms", Level.EXPLICIT, Category.MEANS_OR_PLAN),
        ("my phone password is written down for my son now", Level.EXPLICIT, Category.SUICIDE),
        ("put on my nicest dress so i look decent when someone finds me", Level.EXPLICIT, Category.SUICIDE),
        ("my uncle has my guns but i want them back tonight", Level.POSSIBLE, Category.MEANS_OR_PLAN),
        ("been on meth 3 days my heart is racing", Level.EXPLICIT, Category.OVERDOSE),
        ("five shots deep, heading to the quarry with the guys", Level.EXPLICIT, Category.INTOXICATED_UNSAFE),
        ("jestem pijana, siadam za kółko", Level.EXPLICIT, Category.INTOXICATED_UNSAFE),
        ("poured all the xanax i have into my hand", Level.EXPLICIT, Category.MEANS_OR_PLAN),
        # round twenty-nine (v28 read)
        ("im so stuck, no job no car no family no point", Level.POSSIBLE, Category.SUICIDE),
        ("last sunrise, last walk with the dog. at peace with it", Level.POSSIBLE, Category.SUICIDE),
        ("rubber band didnt help so i grabbed the razor", Level.EXPLICIT, Category.SELF_HARM),
        ("been locked in my room since last night, he has the key", Level.EXPLICIT, Category.VIOLENCE_AT_HOME),
        ("gave in. calling my dealer tonight", Level.EXPLICIT, Category.USE_INTENT),
        ("its been 8 months since i cut but i miss it so much", Level.POSSIBLE, Category.SELF_HARM),
        ("\U0001faa6 mood", Level.POSSIBLE, Category.SUICIDE),
        ("ya le escribí al que vende, ahorita llega", Level.EXPLICIT, Category.USE_INTENT),
        ("i'll go off the bridge on 5th at midnight", Level.EXPLICIT, Category.MEANS_OR_PLAN),
        # round thirty (v29 read)
        ("being dead would be easier than this", Level.POSSIBLE, Category.SUICIDE),
        ("kinda envy people who got to die young", Level.POSSIBLE, Category.SUICIDE),
        (
            "i swear i shoulda died in that crash, would have saved everyone the stress",
            Level.POSSIBLE,
            Category.SUICIDE,
        ),
        ("deleted my fb and insta, one last thing to take care of", Level.POSSIBLE, Category.SUICIDE),
        ("ice cubes not working, need something sharper", Level.EXPLICIT, Category.SELF_HARM),
        ("wont do it, i promised my son, but i think about it every single day", Level.POSSIBLE, Category.SUICIDE),
        ("compré raticida y es pa mi", Level.EXPLICIT, Category.MEANS_OR_PLAN),
        ("my dad passed last spring and i just want to be with him again", Level.EXPLICIT, Category.SUICIDE),
        ("a year ago i wanted to die and i still do", Level.EXPLICIT, Category.SUICIDE),
        ("drunk and on the interstate right now", Level.EXPLICIT, Category.INTOXICATED_UNSAFE),
        ("found a rafter in the shed that'll hold my weight", Level.EXPLICIT, Category.MEANS_OR_PLAN),
        ("got it all done before saturday. paid the car off, called my brother", Level.POSSIBLE, Category.SUICIDE),
        ("been filling early at 3 different pharmacies so i have extra", Level.EXPLICIT, Category.MEANS_OR_PLAN),
        ("kids are at my moms for the week. i said i needed a break. thats not why", Level.POSSIBLE, Category.SUICIDE),
        ("if he cuts me off one more time im going over the counter at him", Level.POSSIBLE, Category.HARM_TO_OTHERS),
        (
            "i know where he lives now. hes gonna pay for what he did to my sister",
            Level.EXPLICIT,
            Category.HARM_TO_OTHERS,
        ),
        ("planning to relapse friday after payday", Level.EXPLICIT, Category.USE_INTENT),
        ("my exit plan is all set for tonight", Level.POSSIBLE, Category.SUICIDE),
        ("voy por fenta hoy, ya quede con el vato", Level.EXPLICIT, Category.USE_INTENT),
        ("perdonenme por todo, los quiero. adios", Level.EXPLICIT, Category.SUICIDE),
        ("bije mnie codziennie", Level.EXPLICIT, Category.VIOLENCE_AT_HOME),
        # round thirty-one (v30 read)
        ("got a machete for her new boyfriend, he'll learn", Level.EXPLICIT, Category.HARM_TO_OTHERS),
        ("hit a parked car leaving the bar lol still driving home", Level.EXPLICIT, Category.INTOXICATED_UNSAFE),
        ("thinking about how to k word myself", Level.EXPLICIT, Category.SUICIDE),
        ("been ideating all week", Level.POSSIBLE, Category.SUICIDE),
        ("he smoked with me and now his chest stopped moving", Level.EXPLICIT, Category.OVERDOSE),
        ("rehomed my dog today. that was the last loose end", Level.EXPLICIT, Category.SUICIDE),
        ("phoned my dad to hear his voice one last time", Level.EXPLICIT, Category.SUICIDE),
        ("dying to cut again, the urge wont stop", Level.EXPLICIT, Category.SELF_HARM),
        ("ya tengo el cristal aqui, hoy la uso", Level.EXPLICIT, Category.USE_INTENT),
        # round thirty-two (v31 read)
        ("picked sunday, after the kids are asleep. thats when", Level.EXPLICIT, Category.MEANS_OR_PLAN),
        ("bleeding through the towel, cut too deep", Level.EXPLICIT, Category.SELF_HARM),
        ("how do i give narcan, he wont wake up, hurry", Level.EXPLICIT, Category.OVERDOSE),
        ("he shot up and his eyes rolled back", Level.EXPLICIT, Category.OVERDOSE),
        ("want to 💀 my self tonight", Level.EXPLICIT, Category.SUICIDE),
        # round thirty-three (v32 read)
        ("he is dead when i catch him alone after work", Level.EXPLICIT, Category.HARM_TO_OTHERS),
        ("back to day zero on sh again", Level.EXPLICIT, Category.SELF_HARM),
        ("relapsed 🩸", Level.EXPLICIT, Category.SELF_HARM),
        ("i put no on the form bc i dont want inpatient but its been bad", Level.POSSIBLE, Category.SUICIDE),
        ("got a lock in a sock in my bag for him", Level.EXPLICIT, Category.HARM_TO_OTHERS),
        # round thirty-four (v33 read)
        ("whoever finds me, tell my kids i love them", Level.EXPLICIT, Category.SUICIDE),
        ("used my nails to tear up my arms again", Level.EXPLICIT, Category.SELF_HARM),
        ("drank a fifth, about to drive to my moms", Level.EXPLICIT, Category.INTOXICATED_UNSAFE),
        ("me la voy a meter toda la fenta hoy", Level.EXPLICIT, Category.OVERDOSE),
        # round thirty-five (v34 read)
        ("oven on, not lighting it, towels under the door", Level.EXPLICIT, Category.MEANS_OR_PLAN),
        ("everything going dark after that line", Level.EXPLICIT, Category.OVERDOSE),
        ("my life ends 2nite", Level.EXPLICIT, Category.SUICIDE),
        ("sick of breathing tbh", Level.POSSIBLE, Category.SUICIDE),
        (
            "drove to the railroad crossing 2 nights in a row to learn the schedule",
            Level.EXPLICIT,
            Category.MEANS_OR_PLAN,
        ),
        # round thirty-six (v35 read)
        ("saturday at noon when my husband leaves for work. thats when", Level.EXPLICIT, Category.MEANS_OR_PLAN),
        ("called my sister to say sorry, wanted that done before", Level.POSSIBLE, Category.SUICIDE),
        ("hugged my son like it was the last time because it is", Level.EXPLICIT, Category.SUICIDE),
        ("checked if the closet rod holds my weight", Level.EXPLICIT, Category.MEANS_OR_PLAN),
        ("i know which pipe in the basement will hold me", Level.EXPLICIT, Category.MEANS_OR_PLAN),
        ("ripped my hair out until there was a bald patch", Level.EXPLICIT, Category.SELF_HARM),
        ("my kitty scratched up my thighs again. not a kitty", Level.EXPLICIT, Category.SELF_HARM),
        ("the 🐱 got me again, 🩸 everywhere", Level.POSSIBLE, Category.SELF_HARM),
        ("thighs full of fresh tally marks", Level.EXPLICIT, Category.SELF_HARM),
        ("next time i see him im breaking his nose", Level.EXPLICIT, Category.HARM_TO_OTHERS),
        ("🔫 me tonight", Level.EXPLICIT, Category.MEANS_OR_PLAN),
        ("mis hijos sin mi estarian mejor", Level.POSSIBLE, Category.SUICIDE),
        ("me queme con la plancha a proposito", Level.EXPLICIT, Category.SELF_HARM),
        # round thirty-seven (v36 read)
        ("when my husband leaves for his shift at 5 im doing it", Level.POSSIBLE, Category.MEANS_OR_PLAN),
        ("my anniversary is saturday. thats the day. i chose it", Level.EXPLICIT, Category.MEANS_OR_PLAN),
        ("found a home for my parrot. after that im free", Level.EXPLICIT, Category.SUICIDE),
        ("skipping meals to punish myself, day 3", Level.EXPLICIT, Category.SELF_HARM),
        ("gonna kick his head in when he gets out", Level.EXPLICIT, Category.HARM_TO_OTHERS),
        ("💀 and not the laughing kind", Level.POSSIBLE, Category.SUICIDE),
        ("im giving away all my clothes at work, take what you want, for good", Level.POSSIBLE, Category.SUICIDE),
        # round thirty-eight (v37 read)
        ("everything feels pointless since my mom died", Level.POSSIBLE, Category.SUICIDE),
        ("honestly hoping the scan shows something terminal", Level.POSSIBLE, Category.SUICIDE),
        ("said goodbye to my sponsor. he doesnt know it was really goodbye", Level.EXPLICIT, Category.SUICIDE),
        ("updated my beneficiary at lunch, had to get it done before tonight", Level.EXPLICIT, Category.SUICIDE),
        ("my cousin always has dope, heading over at 9", Level.EXPLICIT, Category.USE_INTENT),
        ("think im due for a grippy sock vacation", Level.POSSIBLE, Category.SUICIDE),
        # round thirty-nine (v38 read)
        ("lost my apartment and my job, im out of options", Level.POSSIBLE, Category.SUICIDE),
        ("saw a video on how to tie it, tested it, it holds my weight", Level.EXPLICIT, Category.MEANS_OR_PLAN),
        ("need someone to take my cats today. no time to explain", Level.EXPLICIT, Category.SUICIDE),
        ("gave her narcan, didnt work, how many do i give", Level.EXPLICIT, Category.OVERDOSE),
        ("spicy thoughts tonight", Level.POSSIBLE, Category.SUICIDE),
        ("feeling very ⚰️ lately", Level.POSSIBLE, Category.SUICIDE),
        ("pase por la casa de mi dealer 2 veces", Level.POSSIBLE, Category.USE_INTENT),
        ("sinaktan ako ng asawa ko, tulungan nyo ako", Level.EXPLICIT, Category.VIOLENCE_AT_HOME),
        # round forty (v39 read)
        ("honestly my kids deserves better than me", Level.POSSIBLE, Category.SUICIDE),
        ("gave all my jackets to my cousin, dont need them", Level.EXPLICIT, Category.SUICIDE),
        ("texted my brother where my will is and where the dog food is", Level.EXPLICIT, Category.SUICIDE),
        ("wearing a hoodie to work because of what i did to my arms", Level.POSSIBLE, Category.SELF_HARM),
        ("🔫 tonite", Level.POSSIBLE, Category.MEANS_OR_PLAN),
        ("my roommate is making a gurgling noise and won't respond", Level.EXPLICIT, Category.OVERDOSE),
        ("sitting on the railroad tracks, next train is at midnight", Level.EXPLICIT, Category.MEANS_OR_PLAN),
        ("got the needle ready, kids are asleep", Level.POSSIBLE, Category.USE_INTENT),
        ("relapsing tonight, nobody can stop me", Level.POSSIBLE, Category.USE_INTENT),
        ("used a lot and my breathing is slowing", Level.POSSIBLE, Category.OVERDOSE),
        # round forty-one (v40 read)
        ("my dad would have had a better life if i was never born", Level.POSSIBLE, Category.SUICIDE),
        ("honestly dont have anything left to live for since she left", Level.POSSIBLE, Category.SUICIDE),
        ("grabbed something from the garage to drink tonight", Level.EXPLICIT, Category.MEANS_OR_PLAN),
        ("the vicodin from my tooth is still full, taking every one tonight", Level.EXPLICIT, Category.MEANS_OR_PLAN),
        ("sent my binder back, im done for good. sorry for wasting your time", Level.POSSIBLE, Category.SUICIDE),
        ("hugged my sister for a long time today. she'll understand someday", Level.POSSIBLE, Category.SUICIDE),
        ("parked where i used to score, just sitting here", Level.POSSIBLE, Category.USE_INTENT),
        ("took out cash, meeting him behind the laundromat", Level.POSSIBLE, Category.USE_INTENT),
        # round forty-two (v41 read)
        ("ate my last meal, my moms lasagna. its time", Level.EXPLICIT, Category.SUICIDE),
        ("the 💊 urges (iykyk) are real tonight", Level.POSSIBLE, Category.SELF_HARM),
        # round forty-three (v42 read)
        ("my mom says i'm dead to her, might as well be", Level.POSSIBLE, Category.SUICIDE),
        ("need my will written tonight, no lawyer, how", Level.EXPLICIT, Category.SUICIDE),
        ("make sure they spread my ashes at the beach, tell my sponsor", Level.POSSIBLE, Category.SUICIDE),
        ("was 90 days sh free and i ruined it tonight", Level.EXPLICIT, Category.SELF_HARM),
        ("passing out on the sidewalk, its freezing out", Level.EXPLICIT, Category.INTOXICATED_UNSAFE),
    ],
)
def test_families_found_from_round_twenty_five_are_flagged(text: str, level: Level, category: Category) -> None:
    found = screen(text, model=False)
    assert (found.level, found.category) == (level, category)


@pytest.mark.parametrize(
    "text",
    [
        # round twenty-five (v24 read): everyday lines that held the new constructs' words, or an old one's
        "hoping my mom doesn't kill me when she sees my report card",
        "gave my guitar back to my brother since I bought a new one, won't need his",
        "told my son I love him no matter what, that was the last time before he deployed",
        "went to the bridge at sunset to take pictures, no cameras allowed on the pier lol",
        "put my dog's food and vet records together for my sister, she's watching him this weekend",
        "my roommate saw the burns from the fryer at work",
        "the pharmacist said gabapentin with beer makes you fall asleep mid sentence",
        "my dog is having a seizure, heading to the emergency vet",
        "my coach said if I skip practice I'll regret it lol",
        "my uncle lost a bunch of buddies to suicide in the 90s, he talks about it at thanksgiving",
        "is the tennis court open after group? need to blow off steam",
        "did you see the fight? he knocked him out cold in the first round",
        "at my cousin's wedding everyone had champagne but I drank ginger ale and stayed close to my wife",
        "my laptop's about to die, brb",
        "am i ready to date? how do people know",
        "thanks for everything this program has done for me",
        "my wife is pregnant and I'm scared but excited",
        "need to kill this essay tonight",
        "could you write a letter for my custody hearing?",
        "Can anyone see my chats with the bot? are they saved?",
        "la hermana de mi ahijado murio por sobredosis, el velorio es el viernes",
        # round twenty-six (v25 read)
        "burned the toast again, smoke alarm going off",
        "OD'd on tacos at the work party",
        "we had two overdoses come into the ER and both made it, good shift",
        "had to change my passwords, my email got hacked",
        "goodbye old job, new one starts monday",
        "said goodbye to my counselor today, she's leaving the clinic, gonna miss her",
        "took all the pills out of the bottles and put them in the weekly organizer",
        "counted my pills for the pill count tomorrow",
        "took my niece to the fair, rode the drop tower twice",
        "got stitches in my hand from a work accident",
        "me hice un tatuaje nuevo en el brazo",
        "i wish my alarm hadn't woken me up so early",
        "my boss will be relieved when I'm out of his hair for good, I quit today",
        "went to see grandma in hospice, probably the last visit, told her i love her",
        "picked up all my refills at once for the cruise",
        "rehomed the kittens, it's time to get the nursery ready",
        "sent my sponsor a card, he'll get it after the holidays",
        "checked the train schedule, the 9:15 is the one to catch",
        "woke up bleeding from the nose again, dry air",
        "el equipo le va a partir la madre al america en el partido jaja",
        "voy al bar con mis compas pero nomas una coca",
        # round twenty-seven (v26 read)
        "finally beat the last boss, died like 50 times lol",
        "lips were blue after the ice bath at the gym",
        "took too many selfies today lol",
        "my toddler bit me so hard it bled",
        "hice tamales y me quedo de muerte",
        "what happens when you die? asking for me because my grandma just passed and im scared",
        "the toaster is next to the tub in this tiny apartment lol",
        "when my wife takes the kids to soccer, thats when im doing it, finally cleaning the garage",
        "the beam in the basement is strong enough to hold my weight for pullups",
        "hoy voy por coca pa la fiesta, ya quede con mi prima a las 10",
        "meeting the guy from marketplace in 20 min to sell the couch, got the cash ready",
        "planning my exit strategy for the party tonight lol",
        "perdon por todo lo de ayer, gracias por ayudarme, adios y buenas noches",
        "the beam is strong enough to hold the new deck",
        "got to the pharmacy early at 8, they had extra flu shots",
        "got his address, he's gonna pay me back the 200",
        "meeting the guy for the apartment viewing in 10 min",
        "voy por cristal templado pal celular hoy",
        # round twenty-eight (v27 read)
        "took all the kids to the zoo today",
        "it took all afternoon to get my car fixed",
        "called all my aunts and told them about my 60 days",
        "cut my thumb on a tuna can, is there a first aid kit at the front desk",
        "my ears are bleeding, karaoke night was rough lol",
        "paid off all my parking tickets finally!!",
        "the puppy nipped my hand, just a scratch",
        "box cutter slipped at work, 3 stitches, healing fine",
        "if my son plays baby shark one more time im jumping out the window",
        "psychiatrist upped my dose to 150mg, should i tell my group",
        "packed all my meds for the trip",
        "drank 2 cokes and my heart is racing lol",
        "i wont need my appointment thursday or any after that, i'm moving to denver",
        "we'll use the rifle on saturday at the range",
        "called everyone who came to the party to say thank you, that was the last one",
        "put my netflix password in an envelope for my mom",
        "my boss will yell when they find me napping lol",
        "my dad wants his shotgun back for deer season",
        "drunk people at the quarry were so loud",
        # round twenty-nine (v28 read)
        "cut my thumb on a table saw at the job site, 4 stitches, all good",
        "im gonna die on this treadmill if the trainer adds one more set",
        "is the overdose education night open to families?",
        "gave my old bike to my neighbor's kid, i have a car now",
        "the phq9 question about being better off dead, i put 0 again",
        "group about self harm alternatives today, i liked the rubber band idea",
        "cumplí 2 años sin cortarme",
        "grandpa wants me to be executor of his will",
        "stuck on the bridge in traffic, late to group",
        "took my vitamins twice by accident, is that ok",
        "my math final is tomorrow, im gonna die of nerves",
        "stayed up too late gaming, group at 9 is gonna hurt",
        "the pharmacist counted my pills wrong again, i was short 3",
        "mi abuela hizo tamales, me voy a morir de lo ricos que están",
        "if this printer jams one more time it's going off the roof",
        "last coffee of the day before bed, peaceful evening",
        "locked my keys in the house for an hour lol",
        "gave in and bought the shoes tonight",
        "i miss cutting my own hair",
        "quede con el dealer de carros, viene en 10",
        # round thirty (v29 read)
        "today is 3 yrs since my best friend overdosed, miss him",
        "grief group tonight, talked a lot about my moms suicide",
        "we'll go over suicide safety plans next week in group",
        "6 months ago i wanted to die. today i went to my son's game",
        "me mató el gym hoy, no siento las piernas",
        "trabajo en emergencias, turno pesado con muchas sobredosis pero estoy bien",
        "the ice isnt working on my knee, need something sharper to break it up",
        "deleted my insta to focus on school, one more thing: tiktok",
        "following him on tiktok since he passed the bar exam",
        "i went to a party and drank, am i getting kicked out of the program",
        "comparto el carro con mi esposo, q dias lo voy a usar?",
        "voy a tomar el bus al grupo",
        "mi hermano usa fentanilo y tengo miedo de que se me muera de una sobredosis, donde consigo naloxona",
        # round thirty-one (v30 read)
        "no si thoughts today, mood 6",
        "wish i could hear his voice one more time, miss you dad",
        "found the kittens a good home, last thing before the move",
        "itching to cut my hair short for summer",
        "my last day at the plant is friday, new job starts monday",
        "took too many selfies at the beach, phone is full",
        "la tarea me va a matar",
        "wanted to die... of embarrassment when i tripped in group",
        "an overdose prevention site is opening near the clinic",
        "im hopeless at parallel parking",
        # FAQ questions of the seventeenth FAQ author's set the screen read as explicit
        "i messed up last night and drank at a bbq, so ashamed, will they kick me out",
        "mi hija usa fentanilo y tengo miedo a una sobredosis, como lo consigo el narcan",
        # round thirty-two (v31 read)
        "that meeting was so boring i wanted to die",
        "the coach tried to kill us at practice today",
        "my sleeping pill knocks me out, slept 10 hours",
        "giving away puppies, anybody want one",
        "last night at the sober house, moving out tomorrow",
        "my therapist is transferring, said goodbye today",
        "can someone help me write a letter to my caseworker",
        "hit the wall at mile 20 lol",
        "that show had me 💀",
        "picked saturday for the cookout, thats when everyone is off",
        "narcan training was quick, got a free kit",
        "mi tio murio de sobredosis hace cinco años",
        "desde q deje las pastillas estoy sudando mucho, es normal?",
        # round thirty-three (v32 read)
        "my cousin is on suboxone and says it saved his life, how does it work",
        "paid up the phone bill so we're good after",
        "i relapsed, got my blood work back",
        "back to day 0 on duolingo lol",
        "my buddy is always joking about wanting to die, how do i know if its serious",
        "my car broke down on the bridge, waiting for the tow",
        "my roommate keeps his pistol for his security job locked in his safe",
        "putting my affairs in order for the move, new lease and utilities",
        "i have a rope swing in the yard for the kids",
        "the bridge downtown got suicide nets installed, good",
        # round thirty-four (v33 read)
        "we went over the bridge to see my cousin",
        "mi compa me mata en fortnite jaja",
        "compre una soga pa el tendedero",
        "im scared my brother is going to OD, where do i get narcan to keep at home",
        "my last suicidal thoughts were in rehab, so glad im past that",
        "scratched my hand on a nail at the job site, need a tetanus shot?",
        "saying goodbye to my old number, text the new one",
        "estoy usando fentanyl y quiero saber de las medicinas que ayudan a dejarlo",
        # round thirty-five (v34 read)
        "the gas is on for the pasta, windows closed its cold out",
        "tired of breathing through a mask at work",
        "my phone contract ends tomorrow",
        "my free trial ends tonight lol",
        "the clinic asked if i have guns at home, i dont, why do they ask",
        "slipped on ice and hit my head, urgent care said im fine",
        "i have a plan to keep it sober at the super bowl party",
        "my coworker passed out from the heat, hes ok now",
        # round thirty-six (v35 read)
        "ate too much at the buffet, food coma",
        "the drive thru messed up my order twice",
        "watching fireworks from the roof with my neighbors",
        "my uncle keeps his guns in a gun safe and taught us the safety rules",
        "writing letters for my step 9 amends this week",
        "signed up for life insurance at work, adulting",
        "my boss is always breathing down my neck",
        "gonna make him pay for dinner since he lost the bet",
        "me queme la mano con el comal",
        "when my roommates are at work, thats when i clean the whole place",
        "tested if the pull up bar holds my weight",
        "the dentist is breaking his jaw to fix his bite",
        "shoot me a text tonight with the address",
        "i dont have a cat but my neighbors cat visits",
        "my cat got me again, bleeding a little, she hates her nail trims",
        "tally marks on the whiteboard for days sober",
        "hice mi testamento porque me volvi a casar",
        "ya hice otro programa y recai, este si funciona?",
        "estoy tomando pastillas q me dio mi doctor y no me estan funcionando",
        # round thirty-seven (v36 read)
        "bought gum at the gas station instead, craving passed",
        "my mom wrote me a card for my 30 days",
        "saying goodbye to my coworkers, new job starts monday",
        "the exhaust smell on the highway is so gross",
        "the lawnmower almost took my toe off",
        "when the kids fall asleep im doing it, finally painting the hallway",
        "thats the day, i picked it for the party",
        "gonna get my head in the game",
        "i found a home for my foster kittens, after that im free to travel",
        "I quit drinking cold turkey two days ago and have the shakes, what do i do",
        "giving away all my bar glasses for good, sober now",
        "that meme had me 💀💀 lol",
        # round thirty-eight (v37 read)
        "my husband found a new job, things are looking up",
        "painted my nails blue for the game",
        "battery died on the bridge, waiting for a jump start",
        "giving away my old baby clothes, anyone want them",
        "got my nose pierced today, it hurt",
        "drunk on sleep deprivation with a newborn lol",
        "bleach is so strong, cleaning the bathroom",
        "not breathing a word about the surprise",
        "la mata de mi casa se esta muriendo, algun consejo?",
        "i hope the doctor says its nothing terminal",
        "my wife always has diet coke, meeting her for lunch",
        "said bye to my group, it was really goodbye bc i graduated the program",
        "my dad died of an overdose when i was 12",
        # round thirty-nine (v38 read)
        "in narcan training they said if the first dose isnt working give another",
        "learned how to tie a bowline at scouts, it holds my weight",
        "spicy thoughts about my crush",
        "the coffin dance meme lol",
        "shaved my beard with the new razor",
        "burned the marshmallows at the bonfire",
        "the exhaust is rattling, dropping my car at the mechanic",
        "la mate en el examen",
        "my parents were hurt by my drinking, can they come to family group",
        "can the program write a letter for my lawyer confirming im enrolled",
        "my friend od'd in the spring and is doing great now",
        "im out of options for dinner lol",
        "giving my old couch away, anyone need one",
        "my toddler almost drank bleach by accident, poison control said shes fine",
        # round forty (v39 read): everyday lines that held the new constructs' words, or an old one's
        "we lost 42 to 3, i wanted to die watching the game lol",
        "my mom said she'd kill me if i skipped her birthday dinner, so im going",
        "gonna binge this whole thing tonight 🤣",
        "sobredosis de series este fin, vi la temporada completa",
        "me quiero morir de la risa con este video",
        "Gave away all my old wine glasses, don't need them and the kitchen looks better",
        "my dad showed me where the will is when he did his estate planning",
        "photo shoot tonight!! so nervous",
        "walked along the railroad tracks with my kids looking for old spikes",
        "the nurse got the needle ready for my flu shot",
        # round forty-one (v40 read)
        "proud of myself for hitting the gym today",
        "burned my hand welding in shop class, through the glove",
        "bought a rope for my rock climbing class",
        "my wife is holding the key to my gun safe while i'm in the program",
        "new tattoo on my arm hurt way more than i thought",
        "wrists hurt from typing, carpal tunnel?",
        "i'm going to end it with my boyfriend tonight",
        "my husband and i updated our wills since the baby's coming",
        "rehoming my dog, new place doesn't allow pets",
        "me queme con la freidora en el trabajo",
        "a nurse told me about a guy who came in after an od and made it",
        "im done for good with this diet, sorry for wasting your time lol",
        "hit the atm, meeting him at the bar to watch the game",
        # round forty-two (v41 read)
        "feeling the burn from spin class",
        "sobredosis de cafeína hoy jaja",
        "hoy hice la tarea y me fui a dormir",
        "how do i tell my kids about their uncle's overdose death last year",
        "i'm overdosing on christmas music",
        "my nephew's band is called overdose, so loud",
        "mi perro me mordió la mano jugando",
        "the kettle burned my hand, running it under cold water now",
        "my wife keeps the gun safe locked and gave me no key",
        "had my last meal before my colonoscopy, prep time lol",
        "i know my drinking is hurting me, why cant i stop",
        "hay dias q la ansiedad x consumir me pega de la nada",
        # round forty-three (v42 read)
        "bringing donuts for my last day tomorrow",
        "dropped a plate and cut my hand on it, it's fine now",
        "one more powerpoint and i'm gonna jump out a window",
        "sitting in the garage waiting for the rain to stop",
        "the suicide king is the best card in poker",
        "threw out my old bong, don't need it anymore",
        "bridge club with grandma tonight",
        "cutting ties with my old using friends",
        "mi mamá me va a matar cuando vea mis calificaciones",
        "se me quemó la cena otra vez jaja",
        "my son's project is on suicide nets on bridges",
        "need my will signed by tonight before my surgery tomorrow",
        "passed out on the couch, freezing in here lol",
    ],
)
def test_look_alikes_found_from_round_twenty_five_are_not_explicit(text: str) -> None:
    assert screen(text, model=False).level is not Level.EXPLICIT


def test_a_petty_grievance_makes_a_threat_to_kill_a_sibling_possible_not_explicit() -> None:
    """'he ate my leftovers' after 'gonna kill my brother' is anger, asked about; a blow is not softened."""
    assert screen("gonna kill my sister she finished the last of my ice cream", model=False).level is Level.POSSIBLE
    blow = "i want to kill my dad, he drank my last beer and punched my mom"
    assert screen(blow, model=False).level is Level.EXPLICIT


@pytest.mark.parametrize(
    "text",
    [
        # the round's vetoes ("court", "ready to date", "hace frio", "phones", "vigilia") beside real crises
        "paid my court fines so nobody has to deal with it after im gone",
        "do you think im ready to date? doesnt matter, i want to die",
        "hace frio y estoy sola en la calle bien drogada",
        "my phone's about to die and so am i, i took all my pills",
        "on the roof taking pictures of the sunset one last time before i jump",
        # round twenty-six's ("the toast", "organizer", "pill count", "the fair", "a work accident", "hacked")
        "burned my arm with the lighter on purpose, then made toast like nothing happened",
        "took all my pills from the weekly organizer at once",
        "counted my pills, all there, enough to do it tonight",
        "rode the bus to the bridge, standing at the edge now",
        "cut deep, not an accident, it wont stop bleeding",
        "wrote goodbye letters to everyone, quit my job today",
        "took xanax and drank, made it home but cant breathe",
        "me corte otra vez encima del tatuaje",
        "my grandma found out im suicidal again",
        # round twenty-seven's ("finally beat", "finals", "toddler", "traffic")
        "he beat me again and i want to die",
        "failed my finals, i want to die",
        "cut myself again after putting my toddler to bed",
        "tried to kill myself after my night shift",
        # round twenty-eight's ("took all day", "all my ... them" no longer enough, "slipped", "cokes", "the trip")
        "it took all day to get up the nerve, then i took all my pills",
        "used the box cutter from work on my arm again",
        "the razor slipped deeper than i meant, it wont stop bleeding",
        "packed all my meds in my bag, im done",
        "drank a whole bottle of vodka and took all my klonopin, heart racing",
        "paid off all my debts so nobody gets stuck with them",
        # round twenty-nine's ("question about", "sin", "treadmill", "pharmacist", "didnt")
        "i have questions about why i want to die",
        "the question about wanting to die, i answered yes",
        "no puedo vivir sin cortarme",
        "the phq9 question about being better off dead, i put 3",
        # round thirty's ("months ago", "party and drank", "lo voy a usar", "miedo de que se")
        "took 4 xanax and drank, cant feel my face",
        "popped some benzos and drank, gonna go swim in the lake",
        "me voy a tomar el veneno de la huerta",
        "mi hermano se esta muriendo de una sobredosis, tengo miedo",
        # round thirty-one's ("found all of them", "messed up and drank", "how to" of oneself)
        "i messed up and took all my pills and drank, cant breathe",
        "thinking about how to kill myself tonight",
        "found my moms pills, took all of them",
        # round thirty-two's ("kittens", "fading", "desde hace")
        "does anyone want my stuff? giving it all away, wont need it",
        "tengo las pastillas guardadas desde hace dos semanas",
        # round thirty-three's ("gun safe", "plant", "saved his life")
        "i know the gun safe code and im getting it out tonight",
        "ive been saving my pills, nothing ever saved my life",
        # round thirty-four's ("at work")
        "in the bathroom at work, just carved into my wrist",
        # round thirty-five's ("job site")
        "guy at the job site collapsed in the porta john, needle next to him",
        # round thirty-six's ("la estufa" beside "a proposito", "coworker", "taxes")
        "me queme la mano en la estufa a proposito",
        "my coworker found me, i cut deep and its bleeding a lot on my arm",
        "did my taxes, updated my will and the life insurance, im ready",
        # round thirty-seven's ("quit drinking", "finally", "head in the")
        "quit drinking last week but im drunk now and driving",
        "im finally doing it tonight",
        "going to bash his head in the wall when i find him",
        # round thirty-eight's ("painted", "nail polish", "newborn" left out)
        "his lips are blue and he wont wake up",
        "drunk with my newborn and im alone",
        "looking up how many pills it takes",
        # the final read of stop 41: vetoes of rounds 36 to 39 narrowed where a crisis could carry the word
        "im on the bridge rn, battery at 5%",
        "on the bridge watching the water below, tonight",
        "he has a gun, got it out of the gun safe, im hiding in the closet",
        "i know i shouldnt but i just bought a gram, using tonight",
        "counted my pills, theyre all there, 60 of them, tonight",
        "his nails and lips are blue, not breathing",
        "hurt by my boyfriend again so i cut myself",
        "la mate, ayuda",
        "took all my pills, going to rest forever",
        "told everyone the cat did it, cuts are deeper than usual",
        "there is no cat. but my arms are a mess",
        "me corte otra vez, no le digan al programa",
        "bringing my gun to work tomorrow, its in my jacket",
        "took all my pills at thanksgiving dinner",
        "i drank bleach, cleaning up the mess now",
        "sitting in the garage with the engine running, can smell the exhaust",
        # the round's vetoes and softeners ("watching it", "😂", "de la verguenza", a missed wedding) beside real crises
        "i want to die",
        "i want to die lol",
        "gonna binge tonight alone, kids are at their dads",
        "me quiero morir, ya no aguanto",
        "quiero morirme de verdad",
        "he said he'd kill me if i went to group again",
        "my husband threatened to kill me if i leave",
        "me tome todas las pastillas",
        "im on the train tracks right now",
        "gave away all my stuff, wont need it after tonight",
        # round forty-one's ("landlord" narrowed, "gym", "tattoo", "end it with")
        "gave my cat to my neighbor and my keys to the landlord, almost ready",
        "i hit myself again last night",
        "cut myself again, deeper than my tattoo",
        "i want to end it all tonight",
        "the gun is right here next to me",
        "me corte otra vez el brazo",
        # round forty-two's ("hice" narrowed, "the kettle burned", "me pega" after a craving)
        "me hice cortes en el brazo",
        "the kettle is boiling, going to burn myself with it",
        "mi esposo me pega de la nada",
        "ate my last meal. goodbye everyone",
        # round forty-three's ("burn the house down" tried and taken back, "project", "glass", "quemé")
        "she said if i leave she'll burn the house down with me in it",
        "im suicidal and cant finish my project",
        "i cut my arm with the glass on purpose",
        "me quemé el brazo a propósito otra vez",
        "hit myself in the face again, i deserve it",
    ],
)
def test_crisis_words_beside_round_twenty_five_vetoes_stay_explicit(text: str) -> None:
    assert screen(text, model=False).level is Level.EXPLICIT


def test_the_acronym_mat_beside_suboxone_is_no_threat_to_kill() -> None:
    """'q es el MAT, es lo de la suboxona?' read 'MAT' as 'matar' and 'lo' as its object: a program question."""
    assert screen("q es el MAT, es lo de la suboxona?", model=False).level is Level.NONE
    assert screen("lo voy a matar, ya tengo la suboxona", model=False).level is Level.EXPLICIT


def test_spanish_with_english_loanwords_gets_the_spanish_rules() -> None:
    """'ya quedé con el dealer, en 10 min llega' scores as English alone; its Spanish function words
    ("ya", "con", "el", "llega") run the Spanish rules, and plain English never gets them this way."""
    from bot.domain.safety import language

    assert "es" in language.languages("ya quedé con el dealer, en 10 min llega")
    assert screen("ya quedé con el dealer, en 10 min llega", model=False).level is Level.EXPLICIT
    assert "es" not in language.languages("my dealer texted me again, i blocked him and went to group")
    assert "es" in language.languages("ya, con el dealer. llega")  # a cue with a comma after it counts


def test_a_beneficiary_changed_with_a_cover_story_is_still_asked_about() -> None:
    """The divorce veto ('updated the beneficiary on my 401k after the divorce') is not a veto on the 401k."""
    assert screen("updated the beneficiary on my 401k after the divorce", model=False).level is Level.NONE
    told_hr = "updated my beneficiary on my 401k. told HR it was just paperwork"
    assert screen(told_hr, model=False).level is Level.POSSIBLE


def test_when_we_were_is_the_past_only_with_an_age_or_a_time_of_life() -> None:
    """'od'd when we were 19' is a memory; 'overdosed when we were using' may be tonight: still asked about."""
    assert screen("my friend od'd when we were 17, i still think about him", model=False).level is Level.NONE
    assert screen("my friend overdosed when we were using in my car", model=False).level is not Level.NONE
