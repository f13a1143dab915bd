"""The report taxonomy of PRODUCT.md ("Anatomy of a report"): coarse bands only.

Values are stored; labels are shown. An empty value means "prefer not to say".
"""

from django.db import models

PREFER_NOT_TO_SAY = "Prefer not to say"

# The structured answers of a report, in the order the form asks them.
EVENT_FIELDS = [
    "event_type",
    "risk_factors",
    "loss_potential",
    "prevented_by",
    "weapon",
    "officers_on_scene",
    "setting",
    "lighting",
    "time_of_day",
    "event_year",
]
REPORTER_FIELDS = ["assignment", "years_of_service", "agency_type", "could_recur"]
MAX_RISK_FACTORS = 5
EVENT_YEARS_BACK = 20


class EventType(models.TextChoices):
    TRAFFIC_STOP = "traffic_stop", "Traffic stop"
    VEHICLE_PURSUIT = "vehicle_pursuit", "Vehicle pursuit"
    FOOT_PURSUIT = "foot_pursuit", "Foot pursuit"
    DOMESTIC = "domestic", "Domestic disturbance"
    CRISIS = "crisis", "Person in crisis / mental-health call"
    SUSPICIOUS = "suspicious", "Suspicious person or vehicle"
    ARREST = "arrest", "Arrest, search or custody"
    TRANSPORT = "transport", "Prisoner transport or transfer"
    HOSPITAL = "hospital", "Hospital or medical facility"
    WARRANT = "warrant", "Warrant service or high-risk entry"
    IN_PROGRESS = "in_progress", "Crime in progress or alarm"
    AMBUSH = "ambush", "Ambush or unprovoked attack"
    ROADWAY = "roadway", "Roadway, crash scene or traffic control"
    VEHICLE_OPERATION = "vehicle_operation", "Vehicle operation (routine driving)"
    TRAINING = "training", "Training"
    OFF_DUTY = "off_duty", "Off-duty"
    OTHER = "other", "Other"


class RiskFactor(models.TextChoices):
    COMPLACENCY = "complacency", "Complacency"
    SITUATIONAL_AWARENESS = "situational_awareness", "Lapse in situational awareness"
    ASSUMPTIONS = "assumptions", "Assumptions or preconceived notions"
    FAMILIARITY = "familiarity", "Familiarity with the subject"
    INCOMPLETE_SEARCH = "incomplete_search", "Incomplete search of person or vehicle"
    COMMUNICATION = "communication", "Communication breakdown"
    POLICY_DEVIATION = "policy_deviation", "Deviation from policy or training"
    TACTICS = "tactics", "Tactics, positioning or cover"
    SAFETY_EQUIPMENT = "safety_equipment", "Safety equipment not used (seat belt, body armour)"
    EQUIPMENT_FAILURE = "equipment_failure", "Equipment failure"
    FATIGUE = "fatigue", "Fatigue"
    SPEED = "speed", "Speed or driving"
    ENVIRONMENT = "environment", "Lighting, weather or environment"
    NO_BACKUP = "no_backup", "No backup or staffing"
    TRAINING_GAP = "training_gap", "Training gap"
    TIME_PRESSURE = "time_pressure", "Decision under time pressure"
    SUBJECT_STATE = "subject_state", "Subject impairment or mental state"
    OTHER = "other", "Other"


class LossPotential(models.TextChoices):
    DEATH = "death", "Death"
    SERIOUS_INJURY = "serious_injury", "Serious injury"
    MINOR_INJURY = "minor_injury", "Minor injury"
    PROPERTY_DAMAGE = "property_damage", "Property damage"


class PreventedBy(models.TextChoices):
    OWN_ACTION = "own_action", "Officer's own action"
    BACKUP = "backup", "Partner or backup"
    TRAINING = "training", "Training"
    EQUIPMENT = "equipment", "Equipment"
    SUBJECT_CHOICE = "subject_choice", "The subject's choice"
    LUCK = "luck", "Luck"


class Weapon(models.TextChoices):
    FIREARM = "firearm", "Firearm"
    EDGED = "edged", "Edged weapon"
    VEHICLE = "vehicle", "Vehicle"
    HANDS_FEET = "hands_feet", "Hands and feet"
    OTHER = "other", "Other"
    NONE = "none", "None"


class OfficersOnScene(models.TextChoices):
    ONE = "1", "1"
    TWO = "2", "2"
    THREE_TO_FIVE = "3-5", "3–5"
    SIX_OR_MORE = "6+", "6 or more"


class Setting(models.TextChoices):
    URBAN = "urban", "Urban"
    SUBURBAN = "suburban", "Suburban"
    RURAL = "rural", "Rural"


class Lighting(models.TextChoices):
    DAYLIGHT = "daylight", "Daylight"
    DAWN_DUSK = "dawn_dusk", "Dawn or dusk"
    DARK_LIT = "dark_lit", "Dark, lit"
    DARK_UNLIT = "dark_unlit", "Dark, unlit"


class TimeOfDay(models.TextChoices):
    NIGHT = "00-06", "00–06"
    MORNING = "06-12", "06–12"
    AFTERNOON = "12-18", "12–18"
    EVENING = "18-24", "18–24"


class Assignment(models.TextChoices):
    PATROL = "patrol", "Patrol"
    TRAFFIC = "traffic", "Traffic"
    INVESTIGATIONS = "investigations", "Investigations"
    CORRECTIONS = "corrections", "Corrections or detention"
    TACTICAL = "tactical", "Tactical"
    SUPERVISOR = "supervisor", "Supervisor"
    SCHOOL_RESOURCE = "school_resource", "School resource"
    OTHER = "other", "Other"


class YearsOfService(models.TextChoices):
    UP_TO_2 = "0-2", "0–2"
    FROM_3_TO_5 = "3-5", "3–5"
    FROM_6_TO_10 = "6-10", "6–10"
    FROM_11_TO_20 = "11-20", "11–20"
    OVER_20 = "20+", "More than 20"


class AgencyType(models.TextChoices):
    MUNICIPAL = "municipal", "Municipal"
    COUNTY = "county", "County or sheriff"
    STATE = "state", "State"
    FEDERAL = "federal", "Federal"
    TRIBAL = "tribal", "Tribal"
    CAMPUS = "campus", "Campus"
    OTHER = "other", "Other"


class CouldRecur(models.TextChoices):
    YES = "yes", "Yes"
    NO = "no", "No"
    UNSURE = "unsure", "Unsure"
