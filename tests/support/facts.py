"""Clinic facts the FAQ tests and benchmark fill placeholders with."""

FACTS = {
    "clinic_name": "Riverside Recovery",
    "clinic_address": "12 Example St",
    "clinic_hours": "Mon–Fri 8:00–20:00",
    "clinic_phone": "555-0100",
    "crisis_lines": "Call or text 988 (Suicide & Crisis Lifeline)",
}
