from bot.db.models import Role
from bot.domain.people import roles


def test_clients_cannot_invite_or_list_people():
    assert not roles.allowed(Role.CLIENT, "invite")
    assert not roles.allowed(Role.CLIENT, "people")
    assert roles.allowed(Role.STAFF, "invite") and roles.allowed(Role.ADMIN, "invite")


def test_therapists_cannot_invite():
    assert not roles.allowed(Role.THERAPIST, "invite")


def test_unknown_command_is_allowed_for_nobody():
    assert not any(roles.allowed(r, "format_disk") for r in Role)


def test_menus_only_list_allowed_commands():
    for role in Role:
        for name, _ in roles.menu(role):
            assert roles.allowed(role, name)
    assert "settings" in dict(roles.menu(Role.CLIENT))
    assert "settings" not in dict(roles.menu(Role.STAFF))


def test_menu_descriptions_fit_telegram_limits():
    for cmd in roles.COMMANDS:
        assert 1 <= len(cmd.name) <= 32 and cmd.name.islower()
        assert 1 <= len(cmd.description) <= 256


def test_client_menu_has_the_checkin_and_data_commands():
    menu = dict(roles.menu(Role.CLIENT))
    assert {"checkin", "progress", "history", "export", "delete"} <= set(menu)
    assert not any(roles.allowed(r, "checkin") for r in (Role.THERAPIST, Role.STAFF, Role.ADMIN))
