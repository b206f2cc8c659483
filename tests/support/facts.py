"""Clinic facts the FAQ tests and benchmark fill placeholders with."""

FACTS = {
    "clinic_name": "Riverside Recovery",
    "clinic_address": "12 Example St",
    "clinic_hours": "Mon–Fri 8:00–20:00",
    "clinic_phone": "555-0100",
    "clinic_telehealth": "video groups on Tuesday and Thursday evenings",
    "clinic_parking": "Free parking is behind the building",
    "clinic_childcare": "Childcare is available in room 2 during evening groups",
    "crisis_lines": "Call or text 988 (Suicide & Crisis Lifeline)",
}
