"""Fictional demo stories, written for this project. Any resemblance to real events is chance.

In the text, [[original|note]] is a detail the reporter wrote and a moderator removed: the
original keeps the left side, the published story shows the note in square brackets.
"""

# Topics the moderators of the demo filed the published stories under.
DEMO_TOPICS = {
    "prisoner-handling": (
        "Prisoner handling",
        [
            "transfer-search",
            "escape-with-firearm",
            "knife-in-the-seat",
            "uncuff-him",
        ],
    ),
    "mental-health-calls": (
        "Mental-health calls",
        [
            "admission-attack",
            "send-an-officer-to-shoot-me",
            "bridge-rail",
            "disability-treated-differently",
        ],
    ),
    "roads-and-vehicles": (
        "Roads and vehicles",
        [
            "hundred-mph-no-belt",
            "crash-scene-struck",
            "red-light-intersection",
            "complacency-assumptions",
        ],
    ),
    "searching-and-clearing": (
        "Searching and clearing",
        [
            "transfer-search",
            "knife-in-the-seat",
            "high-risk-was-right",
            "warrant-dog",
        ],
    ),
    "complacency": (
        "Complacency",
        [
            "inches-from-head",
            "complacency-assumptions",
            "escape-with-firearm",
            "training-live-round",
            "high-risk-was-right",
        ],
    ),
}

DEMO_STORIES = [
    {
        "key": "transfer-search",
        "status": "published",
        "event_type": "transport",
        "headline": "The prisoner was searched once, by somebody else",
        "key_lesson": "If a prisoner is transferred from one officer to the next, always re-search the prisoner.",
        "story": (
            "I took over a prisoner from a day-shift officer at the end of a long double. He "
            "told me the man had been searched at the scene, and I took his word for it. I put "
            "him in the back of my car and drove him to [[County Central Booking|the jail]].\n\n"
            "In the sally port the booking deputy did her own search before she took him. In "
            "his waistband, under a fold of his jacket, she found a folding knife with a "
            "three-inch blade. He had been behind me for twenty minutes, cuffed in front "
            "because the first officer had been worried about his shoulder."
        ),
        "lessons": (
            "A search you did not do is a search you do not know about. Re-search every "
            "prisoner you take custody of, every time, however tired you are and however much "
            "you trust the officer handing him over. Cuffs in front make that search more "
            "important, not less."
        ),
        "risk_factors": ["incomplete_search", "assumptions", "fatigue"],
        "primary_risk_factor": "incomplete_search",
        "loss_potential": "serious_injury",
        "prevented_by": "backup",
        "weapon": "edged",
        "officers_on_scene": "2",
        "setting": "urban",
        "lighting": "dark_lit",
        "time_of_day": "18-24",
        "assignment": "patrol",
        "years_of_service": "6-10",
        "agency_type": "municipal",
        "could_recur": "yes",
        "safety_alert": True,
    },
    {
        "key": "inches-from-head",
        "status": "published",
        "event_type": "ambush",
        "headline": "Two rounds through the window frame, inches from my head",
        "key_lesson": "Never sit parked in the same lit spot writing reports: move, and face traffic.",
        "story": (
            "I was parked under a street light behind [[the Quick Stop on Harmon Road|a "
            "convenience store]] finishing a report on my laptop, the way I had done most "
            "nights for a year. I never heard the car. The first round came through the "
            "driver's window frame and the second through the headrest, a few inches from my "
            "head.\n\nI dropped across the seat, put the car in drive and got out of the light "
            "before I called it in. The shooter was never identified. My sergeant later showed "
            "me that anyone could have learned my routine by driving past twice."
        ),
        "lessons": (
            "Routine is a gift to anyone who wants to hurt you. Vary where you park to write, "
            "pick places where you can see who approaches, keep the engine running and the "
            "car ready to move, and do not sit in a pool of light."
        ),
        "risk_factors": ["complacency", "tactics", "environment"],
        "primary_risk_factor": "complacency",
        "loss_potential": "death",
        "prevented_by": "luck",
        "weapon": "firearm",
        "officers_on_scene": "1",
        "setting": "suburban",
        "lighting": "dark_lit",
        "time_of_day": "00-06",
        "assignment": "patrol",
        "years_of_service": "3-5",
        "agency_type": "county",
        "could_recur": "yes",
        "safety_alert": True,
    },
    {
        "key": "admission-attack",
        "status": "published",
        "event_type": "hospital",
        "headline": "Calm for an hour, until he heard the word 'admitted'",
        "key_lesson": "The moment a patient learns he will be held is a moment of danger: plan for it before it is said.",
        "story": (
            "My partner and I brought a man in on an emergency psychiatric hold. He had been "
            "calm and polite for over an hour in the emergency department, and we had both "
            "relaxed. When the doctor came in and told him he would be admitted, he came off "
            "the bed at my partner without a word and then turned on me.\n\nIt took both of "
            "us and two security officers to get him back on the bed. My partner's radio was "
            "ripped off and the man got a hand on my holster before we controlled him."
        ),
        "lessons": (
            "Ask staff to tell you before they give the news, so you can position yourselves "
            "first. Stand where you can act, not in the doorway chatting. Calm for an hour "
            "means nothing about the next minute."
        ),
        "risk_factors": ["complacency", "communication", "subject_state"],
        "primary_risk_factor": "communication",
        "loss_potential": "serious_injury",
        "prevented_by": "backup",
        "weapon": "hands_feet",
        "officers_on_scene": "2",
        "setting": "urban",
        "lighting": "daylight",
        "time_of_day": "12-18",
        "assignment": "patrol",
        "years_of_service": "11-20",
        "agency_type": "municipal",
        "could_recur": "yes",
    },
    {
        "key": "send-an-officer-to-shoot-me",
        "status": "published",
        "event_type": "crisis",
        "headline": "He called 911 and asked for an officer to come and shoot him",
        "key_lesson": "When a caller asks to be shot, treat the call as a plan: slow down, stage, and talk from cover.",
        "story": (
            "Dispatch told us a man had called and asked for an officer to be sent to shoot "
            "him. He said he had a gun. Two of us arrived together, stopped well short of the "
            "house and talked to him from behind the engine block of my car.\n\nHe came out "
            "with his hand in his pocket and kept telling us to do it. We kept talking. After "
            "about twenty minutes he sat down on the step and took his hand out: it was a "
            "phone. He went to the hospital, and nobody fired."
        ),
        "lessons": (
            "Time and distance are what let you find out it was a phone. Do not drive up to "
            "the door. Choose one officer to talk and one to cover, and keep the talking "
            "officer behind something that stops a round."
        ),
        "risk_factors": ["time_pressure", "subject_state", "tactics"],
        "primary_risk_factor": "subject_state",
        "loss_potential": "death",
        "prevented_by": "training",
        "weapon": "other",
        "officers_on_scene": "2",
        "setting": "rural",
        "lighting": "dawn_dusk",
        "time_of_day": "18-24",
        "assignment": "patrol",
        "years_of_service": "11-20",
        "agency_type": "county",
        "could_recur": "yes",
    },
    {
        "key": "fitness-and-talk",
        "status": "published",
        "event_type": "foot_pursuit",
        "headline": "Fit enough to keep up, calm enough to talk",
        "key_lesson": "Fitness buys you the breath to think and to talk to your partner: it is officer safety equipment.",
        "story": (
            "A man with a handgun in his hand ran from a car we had stopped. My partner and I "
            "chased him for about four blocks. Because we were not gasping we could talk "
            "the whole way: I called where he was going and my partner cut through a yard "
            "to get ahead of him.\n\nWhen he stopped behind a parked van we were on two "
            "sides of him, both behind cover, and neither of us had to run up to him. He "
            "threw the gun down. We had trained that exact split the month before."
        ),
        "lessons": (
            "If you are out of breath you cannot talk, and if you cannot talk you cannot "
            "coordinate. Keep yourself fit, practise foot-pursuit communication with your "
            "regular partner, and agree before it happens who follows and who flanks."
        ),
        "risk_factors": ["communication", "tactics"],
        "primary_risk_factor": "communication",
        "loss_potential": "death",
        "prevented_by": "training",
        "weapon": "firearm",
        "officers_on_scene": "2",
        "setting": "urban",
        "lighting": "dark_lit",
        "time_of_day": "18-24",
        "assignment": "patrol",
        "years_of_service": "3-5",
        "agency_type": "municipal",
        "could_recur": "yes",
    },
    {
        "key": "backing-away-waistband",
        "status": "published",
        "event_type": "suspicious",
        "headline": "Backing away, hand drifting to his waistband",
        "key_lesson": "A subject who backs away while his hand moves to his waistband is not leaving: he is making distance to draw.",
        "story": (
            "I stopped to talk to a man looking into parked cars. He answered my questions "
            "but kept taking small steps backwards, and his right hand kept drifting to the "
            "front of his waistband. I told him to keep his hands where I could see them. He "
            "did, then they drifted again.\n\nI moved to the side of my car and put my hand "
            "on my weapon. When he reached, I drew first and he froze. He had a loaded pistol "
            "tucked in his waistband with no holster."
        ),
        "lessons": (
            "Watch the hands and watch the feet. Distance a subject creates is distance he "
            "can use. Move to cover before you need it, and say his hands out loud so your "
            "backup hears it on the radio."
        ),
        "risk_factors": ["situational_awareness", "tactics", "no_backup"],
        "primary_risk_factor": "situational_awareness",
        "loss_potential": "death",
        "prevented_by": "own_action",
        "weapon": "firearm",
        "officers_on_scene": "1",
        "setting": "suburban",
        "lighting": "dark_lit",
        "time_of_day": "00-06",
        "assignment": "patrol",
        "years_of_service": "6-10",
        "agency_type": "municipal",
        "could_recur": "yes",
    },
    {
        "key": "uncuff-him",
        "status": "published",
        "event_type": "hospital",
        "headline": "The nurse asked me to take the cuffs off",
        "key_lesson": "Restraint decisions for a violent prisoner stay with the officer: explain, offer alternatives, do not give in.",
        "story": (
            "I was guarding a man who had fought three officers during his arrest. At the "
            "hospital a nurse told me firmly that he had to be uncuffed for an X-ray and that "
            "I was making the staff uncomfortable.\n\nI said no and asked for the charge nurse. "
            "We agreed to cuff him to the bed frame on one side and have a second officer come "
            "for the X-ray. When the second officer arrived, the man lunged at him while one "
            "cuff was being moved. We held him. If he had been free, he would have had a room "
            "full of staff and equipment to use."
        ),
        "lessons": (
            "Hospital staff want to care for the patient and may not know his history. Tell "
            "them why you keep him restrained, ask for a supervisor on both sides, and never "
            "remove restraints alone."
        ),
        "risk_factors": ["communication", "no_backup", "policy_deviation"],
        "primary_risk_factor": "communication",
        "loss_potential": "serious_injury",
        "prevented_by": "own_action",
        "weapon": "hands_feet",
        "officers_on_scene": "2",
        "setting": "urban",
        "lighting": "daylight",
        "time_of_day": "06-12",
        "assignment": "corrections",
        "years_of_service": "11-20",
        "agency_type": "county",
        "could_recur": "yes",
    },
    {
        "key": "complacency-assumptions",
        "status": "published",
        "event_type": "traffic_stop",
        "headline": "Just a taillight, just a grandmother's car",
        "key_lesson": "Complacency and assumptions together are how a routine stop turns deadly: treat every stop as unknown.",
        "story": (
            "It was my fourth stop of the night for a taillight. The car was registered to "
            "an elderly woman in [[Millbrook|a nearby town]] and I assumed it was her grandson "
            "driving. I walked up without calling the plate in properly and stood right at "
            "the driver's door.\n\nThe driver was not her grandson. The car had been taken "
            "that afternoon and there was a shotgun across the back seat. He chose to run "
            "instead of using it. I still think about where I was standing."
        ),
        "lessons": (
            "Run the plate and say it on the radio before you get out. Approach from a "
            "position you could defend. The registration tells you who owns the car, not who "
            "is in it."
        ),
        "risk_factors": ["complacency", "assumptions", "tactics"],
        "primary_risk_factor": "complacency",
        "loss_potential": "death",
        "prevented_by": "subject_choice",
        "weapon": "firearm",
        "officers_on_scene": "1",
        "setting": "rural",
        "lighting": "dark_unlit",
        "time_of_day": "18-24",
        "assignment": "traffic",
        "years_of_service": "3-5",
        "agency_type": "state",
        "could_recur": "yes",
    },
    {
        "key": "diminished-ability",
        "status": "published",
        "event_type": "domestic",
        "headline": "He could barely stand, so I stopped watching his hands",
        "key_lesson": "A subject who seems unable to hurt you can still reach a weapon: impairment is not a reason to drop sound tactics.",
        "story": (
            "At a domestic call the husband was so drunk he could hardly stand. He was leaning "
            "on the kitchen counter, slurring, and I let myself get close and turned half away "
            "to talk to his wife.\n\nWhen I turned back he had a kitchen knife from the block "
            "behind him in his hand. My backup was in the doorway and shouted; the man dropped "
            "it. He could not stand straight, but he could reach."
        ),
        "lessons": (
            "Keep your tactics the same whoever is in front of you. Separate the parties, "
            "keep people away from kitchens, and keep the subject in front of you."
        ),
        "risk_factors": ["assumptions", "subject_state", "situational_awareness"],
        "primary_risk_factor": "assumptions",
        "loss_potential": "serious_injury",
        "prevented_by": "backup",
        "weapon": "edged",
        "officers_on_scene": "2",
        "setting": "suburban",
        "lighting": "dark_lit",
        "time_of_day": "18-24",
        "assignment": "patrol",
        "years_of_service": "0-2",
        "agency_type": "municipal",
        "could_recur": "yes",
    },
    {
        "key": "high-risk-was-right",
        "status": "published",
        "event_type": "in_progress",
        "headline": "Nobody in the building, until there was",
        "key_lesson": "High-risk tactics are right for a high-risk call even when the first search finds nobody.",
        "story": (
            "We answered a burglary alarm at a warehouse with a smashed side door. We set a "
            "perimeter, waited for a dog, and searched slowly. The first pass found nobody and "
            "a newer officer asked if we could stand down and let the owner walk through.\n\n"
            "Our sergeant said one more pass. The dog found a man lying on top of the office "
            "ceiling tiles with a pry bar and a revolver. He said later he had been waiting "
            "for us to relax."
        ),
        "lessons": (
            "An empty first search means you have not found him yet. Finish the search the "
            "way you started it, and never let an owner walk through a building you have not "
            "cleared."
        ),
        "risk_factors": ["time_pressure", "complacency"],
        "primary_risk_factor": "complacency",
        "loss_potential": "death",
        "prevented_by": "training",
        "weapon": "firearm",
        "officers_on_scene": "3-5",
        "setting": "urban",
        "lighting": "dark_unlit",
        "time_of_day": "00-06",
        "assignment": "patrol",
        "years_of_service": "11-20",
        "agency_type": "municipal",
        "could_recur": "yes",
    },
    {
        "key": "escape-with-firearm",
        "status": "published",
        "event_type": "arrest",
        "headline": "He slipped the cuffs and was found an hour later with a gun",
        "key_lesson": "Double-lock and check cuffs on every prisoner, and never leave one alone in an unsecured area.",
        "story": (
            "After an arrest for shoplifting I left my prisoner in the back of my car while I "
            "spoke to the store manager. I had not double-locked the cuffs. When I came back "
            "the door was open and he was gone.\n\nThe search team found him an hour later in "
            "a shed two streets away. He had a pistol he had hidden there before. He gave up "
            "to the team when the dog barked. It could have been me walking up to that shed "
            "alone."
        ),
        "lessons": (
            "Double-lock and check the cuffs. Keep the prisoner in sight or in a locked cage. "
            "A low-level arrest can be a person with every reason to run."
        ),
        "risk_factors": ["complacency", "policy_deviation", "equipment_failure"],
        "primary_risk_factor": "policy_deviation",
        "loss_potential": "death",
        "prevented_by": "backup",
        "weapon": "firearm",
        "officers_on_scene": "6+",
        "setting": "suburban",
        "lighting": "daylight",
        "time_of_day": "12-18",
        "assignment": "patrol",
        "years_of_service": "0-2",
        "agency_type": "municipal",
        "could_recur": "yes",
    },
    {
        "key": "hundred-mph-no-belt",
        "status": "published",
        "event_type": "vehicle_pursuit",
        "headline": "Over 100 miles an hour without a seat belt",
        "key_lesson": "Wear the seat belt on every drive: a pursuit is exactly when you will not have time to put it on.",
        "story": (
            "I had taken my seat belt off to get out quickly at a call, and then the call "
            "turned into a pursuit. I never put it back on. On a long straight I was over 100 "
            "miles an hour when the car in front braked hard and I had to swerve into the "
            "median.\n\nThe car rolled once. I was thrown across into the passenger side and "
            "my head went through the side window. I walked out of the hospital two days later "
            "with a concussion and a dislocated shoulder."
        ),
        "lessons": (
            "Put the belt on every time the car moves. If you think you will need to get out "
            "fast, practise releasing it quickly. No pursuit is worth driving without it."
        ),
        "risk_factors": ["safety_equipment", "speed", "time_pressure"],
        "primary_risk_factor": "safety_equipment",
        "loss_potential": "death",
        "prevented_by": "luck",
        "weapon": "vehicle",
        "officers_on_scene": "3-5",
        "setting": "rural",
        "lighting": "daylight",
        "time_of_day": "12-18",
        "assignment": "traffic",
        "years_of_service": "6-10",
        "agency_type": "state",
        "could_recur": "yes",
        "safety_alert": True,
    },
    {
        "key": "someone-i-knew",
        "status": "published",
        "event_type": "off_duty",
        "headline": "I knew him from school, so I let him get close",
        "key_lesson": "Knowing a person is not knowing what he will do today: keep your distance and your guard.",
        "story": (
            "Off duty at a petrol station I was greeted by a man I had known at school and had "
            "arrested once years ago. He was friendly at first and I let him stand right next "
            "to me at the pump.\n\nThen he started talking about the arrest, got louder, and "
            "shoved me against the car. I managed to get the car between us and leave. I "
            "learned later he had been drinking all day and had told friends he would "
            "'settle it' if he ever saw me."
        ),
        "lessons": (
            "Familiarity lowers your guard faster than anything. Off duty, keep the same "
            "distance you would on duty, and leave early when a conversation turns."
        ),
        "risk_factors": ["familiarity", "situational_awareness"],
        "primary_risk_factor": "familiarity",
        "loss_potential": "serious_injury",
        "prevented_by": "own_action",
        "weapon": "hands_feet",
        "officers_on_scene": "1",
        "setting": "suburban",
        "lighting": "daylight",
        "time_of_day": "12-18",
        "assignment": "investigations",
        "years_of_service": "11-20",
        "agency_type": "county",
        "could_recur": "unsure",
    },
    {
        "key": "disability-treated-differently",
        "status": "published",
        "event_type": "other",
        "headline": "We treated him as the victim, but he was the suspect",
        "key_lesson": "Compassion for a subject with a disability must not replace the tactics the call requires.",
        "story": (
            "A neighbour called about a man with an intellectual disability who had damaged "
            "cars on the street. We knew him from earlier calls where he had been the victim, "
            "and we approached him as we always had: gently, close, no plan.\n\nHe was "
            "frightened and holding a screwdriver. When my partner reached for his arm he "
            "swung it and missed her face by very little. We stepped back, slowed down, and "
            "his carer talked him into putting it down."
        ),
        "lessons": (
            "Be kind and be safe: they are not opposites. Make a plan for distance and for who "
            "talks, and bring in someone the person trusts when you can."
        ),
        "risk_factors": ["assumptions", "familiarity", "tactics"],
        "primary_risk_factor": "assumptions",
        "loss_potential": "serious_injury",
        "prevented_by": "subject_choice",
        "weapon": "edged",
        "officers_on_scene": "2",
        "setting": "urban",
        "lighting": "daylight",
        "time_of_day": "06-12",
        "assignment": "patrol",
        "years_of_service": "3-5",
        "agency_type": "municipal",
        "could_recur": "yes",
    },
    {
        "key": "warrant-dog",
        "status": "published",
        "event_type": "warrant",
        "headline": "The briefing said nothing about the second door",
        "key_lesson": "Walk or photograph the target before a warrant entry: plans built on old information put officers in the wrong place.",
        "story": (
            "We served an arrest warrant at a house using a briefing sheet that was three weeks "
            "old. It showed one door at the back. When we got there, the back had a new "
            "extension with a second door that nobody was covering.\n\nThe subject came out of "
            "that door behind the team with a bat. An officer on the perimeter saw him and "
            "called it. Nobody was hurt, but two of us had our backs to him."
        ),
        "lessons": (
            "Refresh the reconnaissance on the day. If the ground does not match the plan, stop "
            "and re-brief before anyone goes in."
        ),
        "risk_factors": ["communication", "tactics", "assumptions"],
        "primary_risk_factor": "communication",
        "loss_potential": "serious_injury",
        "prevented_by": "backup",
        "weapon": "other",
        "officers_on_scene": "6+",
        "setting": "suburban",
        "lighting": "dawn_dusk",
        "time_of_day": "06-12",
        "assignment": "tactical",
        "years_of_service": "20+",
        "agency_type": "county",
        "could_recur": "yes",
    },
    {
        "key": "crash-scene-struck",
        "status": "published",
        "event_type": "roadway",
        "headline": "Standing in the lane at a crash scene",
        "key_lesson": "At a roadway scene, park to protect yourself and never stand between your car and moving traffic.",
        "story": (
            "I was first at a two-car crash on a fast road at dusk. I parked on the shoulder "
            "and walked into the lane to check the drivers, standing between my car and "
            "traffic. A pickup came through without slowing and its mirror hit my arm.\n\n"
            "Another second closer and it would have been my body. I had my reflective vest "
            "in the trunk."
        ),
        "lessons": (
            "Angle your car to block the lane you are working in, wear the vest, and keep a "
            "lookout when you can. Passing drivers are watching the crash, not you."
        ),
        "risk_factors": ["safety_equipment", "environment", "tactics"],
        "primary_risk_factor": "safety_equipment",
        "loss_potential": "death",
        "prevented_by": "luck",
        "weapon": "vehicle",
        "officers_on_scene": "1",
        "setting": "rural",
        "lighting": "dawn_dusk",
        "time_of_day": "18-24",
        "assignment": "traffic",
        "years_of_service": "6-10",
        "agency_type": "state",
        "could_recur": "yes",
        "safety_alert": True,
    },
    {
        "key": "red-light-intersection",
        "status": "published",
        "event_type": "vehicle_operation",
        "headline": "Through the red light with sirens on, and a van that never heard them",
        "key_lesson": "Lights and siren ask for the right of way; they do not give it. Stop at every red light, then clear it lane by lane.",
        "story": (
            "Responding to a backup call I went through a red light at about forty with lights "
            "and siren on. A delivery van crossed from the right without slowing; the driver "
            "had music on and never heard me.\n\nI braked and missed his rear bumper by about a "
            "metre. I arrived at the call shaking and was no use to anyone for a few minutes."
        ),
        "lessons": (
            "Come to a near stop at every red light on a call and clear each lane before you "
            "go. Arriving thirty seconds later is better than not arriving."
        ),
        "risk_factors": ["speed", "time_pressure"],
        "primary_risk_factor": "speed",
        "loss_potential": "death",
        "prevented_by": "own_action",
        "weapon": "none",
        "officers_on_scene": "1",
        "setting": "urban",
        "lighting": "daylight",
        "time_of_day": "12-18",
        "assignment": "patrol",
        "years_of_service": "0-2",
        "agency_type": "municipal",
        "could_recur": "yes",
    },
    {
        "key": "training-live-round",
        "status": "published",
        "event_type": "training",
        "headline": "A live round in a training scenario",
        "key_lesson": "Every scenario starts with a weapons check by a second person: no exceptions, no hurry.",
        "story": (
            "During a building-search scenario a role player's training pistol turned out to "
            "be a real duty pistol with a loaded magazine. He had swapped holsters at lunch "
            "and nobody checked him again afterwards.\n\nThe instructor found it only because "
            "the weight felt wrong when he handed it over. The scenario had already started."
        ),
        "lessons": (
            "Check every person entering a training area, every time they enter, and have a "
            "second person confirm. Keep live weapons out of the building."
        ),
        "risk_factors": ["policy_deviation", "complacency", "training_gap"],
        "primary_risk_factor": "policy_deviation",
        "loss_potential": "death",
        "prevented_by": "own_action",
        "weapon": "firearm",
        "officers_on_scene": "6+",
        "setting": "suburban",
        "lighting": "daylight",
        "time_of_day": "12-18",
        "assignment": "other",
        "years_of_service": "20+",
        "agency_type": "state",
        "could_recur": "unsure",
        "safety_alert": True,
    },
    {
        "key": "knife-in-the-seat",
        "status": "published",
        "event_type": "arrest",
        "headline": "The knife was in the seat he had just left",
        "key_lesson": "Search the car seat before and after every prisoner: it tells you what the last one left.",
        "story": (
            "I arrested a man for a warrant and searched him well. When I took him out of my "
            "car at the station I checked the back seat, as we are taught, and found a razor "
            "blade pushed into the seam.\n\nIt was not his. The previous shift had not checked "
            "the car after their last prisoner, and I had not checked it at the start of mine."
        ),
        "lessons": (
            "Search the back seat at the start of every shift and after every transport. The "
            "weapon you find may be from someone else's prisoner."
        ),
        "risk_factors": ["incomplete_search", "policy_deviation"],
        "primary_risk_factor": "incomplete_search",
        "loss_potential": "minor_injury",
        "prevented_by": "training",
        "weapon": "edged",
        "officers_on_scene": "1",
        "setting": "urban",
        "lighting": "dark_lit",
        "time_of_day": "00-06",
        "assignment": "patrol",
        "years_of_service": "3-5",
        "agency_type": "municipal",
        "could_recur": "yes",
    },
    {
        "key": "bridge-rail",
        "status": "published",
        "event_type": "crisis",
        "headline": "On the wrong side of the bridge rail, and I reached for him",
        "key_lesson": "Do not reach for a person in crisis at a height: you can be pulled over with them.",
        "story": (
            "A young man was standing on the outside of a bridge rail. I talked to him for a "
            "few minutes and then, when he looked away, I grabbed his jacket.\n\nHe twisted "
            "and I went halfway over the rail with him. My partner caught my belt and a "
            "passer-by helped pull us both back. I did not think about my own footing at all."
        ),
        "lessons": (
            "Anchor yourself before you reach, or wait for equipment and backup. A rescue that "
            "takes two people over the edge saves nobody."
        ),
        "risk_factors": ["time_pressure", "no_backup", "subject_state"],
        "primary_risk_factor": "time_pressure",
        "loss_potential": "death",
        "prevented_by": "backup",
        "weapon": "none",
        "officers_on_scene": "2",
        "setting": "urban",
        "lighting": "dark_lit",
        "time_of_day": "18-24",
        "assignment": "patrol",
        "years_of_service": "0-2",
        "agency_type": "municipal",
        "could_recur": "yes",
    },
    {
        "key": "new-traffic-stop",
        "status": "new",
        "event_type": "traffic_stop",
        "story": (
            "I stopped a car with three people in it on a dark road and did not wait for "
            "backup. The back-seat passenger kept reaching down. [[Sgt. Pellham|My sergeant]] "
            "arrived and we found a machete under the seat."
        ),
        "lessons": "Wait for backup when the numbers are against you.",
        "risk_factors": ["no_backup"],
    },
    {
        "key": "review-domestic",
        "status": "in_review",
        "event_type": "domestic",
        "story": (
            "At a domestic on [[Larch Street|a residential street]] the wife, who had called, "
            "attacked me when I put cuffs on her husband."
        ),
        "lessons": "The caller is not always on your side once the arrest starts.",
        "risk_factors": ["assumptions"],
    },
    {
        "key": "waiting-foot-pursuit",
        "status": "waiting",
        "question": "Was your radio on your belt or in your hand when you went over the fence?",
        "event_type": "foot_pursuit",
        "story": (
            "I chased a man over a fence at night and landed on broken glass. I lost him and "
            "my radio. Nobody knew where I was for several minutes."
        ),
        "lessons": "Call your location before the fence, not after.",
        "risk_factors": ["communication", "environment"],
    },
    {
        "key": "approved-warrant",
        "status": "approved",
        "event_type": "warrant",
        "headline": "A child opened the door on a search warrant",
        "key_lesson": "Plan for children at the door in every warrant briefing.",
        "story": (
            "On a search warrant the door was opened by a child. The team hesitated and the "
            "adult inside had time to reach a bedroom. He was unarmed, but we lost control."
        ),
        "lessons": "Plan for children at the door in every warrant briefing.",
        "risk_factors": ["tactics", "time_pressure"],
    },
    {
        "key": "rejected-rota",
        "status": "rejected",
        "rejection_reason": "This is a staffing complaint rather than a near miss. Please raise it with your agency.",
        "event_type": "other",
        "story": "The new rota means we are always short on weekends and management does not listen.",
        "lessons": "Fix the rota.",
        "risk_factors": ["no_backup"],
    },
    {
        "key": "withdrawn-pursuit",
        "status": "withdrawn",
        "event_type": "vehicle_pursuit",
        "story": "I followed a stolen car into a dead end and the driver reversed into my door.",
        "lessons": "Leave room to move when you stop behind a car.",
        "risk_factors": ["tactics"],
    },
]
