"""The demo site's facts (dates, names, figures) as data; the sentences are our own."""

from datetime import date, timedelta
from typing import Any

from site_pages.dates import DatePrecision, PartialDate

# One seed record: field names and the values of mixed types that the loader passes on to the
# models (which validate them), so the checker is not asked to know each record's shape.
Seed = dict[str, Any]


def month(year, number):
    """A date the seeds give only to the month, e.g. a chapter founded in October 2018."""
    return PartialDate(date(year, number, 1), DatePrecision.MONTH)


NETWORK = {
    "facebook_url": "https://www.facebook.com/SakuraScienceClubSecretariat/",
    "instagram_url": "https://www.instagram.com/sakura_science_club/",
    "youtube_url": "https://www.youtube.com/channel/UCSRPtJkbpf6emizNovyW1A",
    "newsletter_url": "https://ssp.jst.go.jp/sns/top.html",
}

# The secretariat's contact details (NetworkContact); the Japanese address is in
# demo/translations.py with the other Japanese text.
CONTACT = {
    "name": "Sakura Science Club secretariat",
    "contact_email": "ssp.press@jst.go.jp",
    "contact_phone": "+81 3-5214-8288",
    "postal_address": (
        "Sakura Science Program Promotion Headquarters, Japan Science and Technology Agency\n"
        "Science Plaza, 5-3 Yonbancho, Chiyoda-ku, Tokyo 102-8666, Japan"
    ),
}

HOME = {
    "title": "Sakura Science Club",
    "hero_heading": "Alumni of the Sakura Science Exchange Program",
    "hero_text": (
        "More than 30,000 young researchers, students and officials have visited Japan with "
        "the Sakura Science Exchange Program. The Sakura Science Club keeps them in touch."
    ),
    "intro": "News, reunions and columns from the Sakura Science Club's chapters.",
}

SECTIONS = {
    "chapters": (
        "Chapters",
        "The Sakura Science Club is organised in national chapters, "
        "most of them run by volunteer coordinators.",
    ),
    "events": (
        "Network events",
        "Activities for every member, whichever chapter they "
        "belong to, such as the AlumniTalk series.",
    ),
    "sakura-mentor": (
        "Sakura Mentor",
        "Researchers working in Japan answer members' questions and write about study and careers.",
    ),
    "members-voice": (
        "Members' Voice",
        "Messages from members about their visit to Japan and what came after.",
    ),
    "yearbooks": ("Yearbooks", "The coordinators of every chapter, year by year."),
    "programmes": ("Programmes", "How young people come to Japan with Sakura Science."),
}

# Each chapter: its facts, then its events. Dates give the month the seeds name; the day is
# the first of the month where the seeds give only a month.
CHAPTERS: list[Seed] = [
    {
        "slug": "japan",
        "country": "JP",
        "title": "Japan",
        "local_name": "Sakura Science Club Japan",
        "acronym": "",
        "founded": month(2016, 9),
        "intro": "Alumni who came back to Japan to study or work, and meet here.",
        "body": (
            "Members of the Japan chapter are alumni who returned to Japan for a degree or a "
            "job. They chose their first coordinators at the 1st Japan reunion in September "
            "2016, held at Miraikan in Tokyo, and the coordinators met at JST the following "
            "February to plan what the chapter could do."
        ),
        "social": [],
        "coordinators": [("Lai Hung Wei", "chair", 2021)],
        "events": [
            {
                "slug": "1st-japan-reunion",
                "title": "1st Japan reunion",
                "edition": 1,
                "start": month(2016, 9),
                "format": "in_person",
                "venue": "Miraikan (National Museum of Emerging Science and Innovation)",
                "city": "Tokyo",
                "intro": "The first reunion in Japan, where the chapter chose its coordinators.",
                "body": "Alumni studying and working in Japan met for group discussions and "
                "an exchange session, and chose the coordinators who would start the chapter.",
                "gallery": ["Exchange session", "Group discussion"],
            },
            {
                "slug": "2nd-japan-reunion",
                "title": "2nd Japan reunion",
                "edition": 2,
                "start": month(2019, 11),
                "format": "in_person",
                "city": "Tokyo",
                "intro": "Held alongside the fifth-anniversary event of the exchange program.",
                "body": "Alumni in Japan, coordinators of chapters abroad and supporters of "
                "the program brainstormed how to strengthen the network and show it to the "
                "world.",
            },
            {
                "slug": "3rd-japan-reunion-sakura-science-and-beyond",
                "title": "3rd Japan reunion: Sakura Science and Beyond",
                "edition": 3,
                "start": month(2021, 3),
                "format": "online",
                "intro": "An online reunion with keynotes by researchers thriving in Japan.",
                "body": "The pandemic moved the third reunion online. Researchers building "
                "careers in Japan gave keynotes, astronaut Mamoru Mohri sent encouragement, "
                "and the China chapter contributed a video message.",
            },
            {
                "slug": "job-hunting-seminar-2021",
                "title": "Job-hunting seminar for international students",
                "kind": "seminar",
                "start": month(2021, 9),
                "format": "online",
                "intro": "What working in Japan offers, and how job hunting works here.",
                "body": "Speakers explained the advantages of a career in Japan and the "
                "pitfalls of its recruitment calendar; the audience kept the question queue "
                "full throughout.",
            },
        ],
    },
    {
        "slug": "china",
        "country": "CN",
        "title": "China",
        "local_name": "Sakura Science Club China",
        "acronym": "",
        "member_count": 10000,
        "member_count_year": 2020,
        "intro": "The largest chapter, with more than ten thousand alumni.",
        "body": (
            "With over 10,000 members, China has more alumni than any other country. Members "
            "keep in touch in a social media group of their own, the Huayouhui."
        ),
        "social": [],
        "coordinators": [],
        "events": [
            {
                "slug": "beijing-report-meeting-2017",
                "title": "Sakura Science Club report meeting in Beijing",
                "kind": "meeting",
                "start": month(2017, 11),
                "format": "in_person",
                "city": "Beijing",
                "intro": "The first report meeting in China, with the Ministry of Science and "
                "Technology.",
                "body": "Members presented what their visits to Japan had led to, including "
                "agreements between their universities and Japanese ones.",
            },
        ],
    },
    {
        "slug": "india",
        "country": "IN",
        "title": "India",
        "local_name": "India Sakura Science Club Alumni Association",
        "acronym": "ISCA",
        "founded": month(2018, 10),
        "intro": "ISCA: founded at the first reunion at the Japanese ambassador's residence.",
        "body": (
            "ISCA was founded at India's first reunion in October 2018, hosted at the "
            "residence of the Ambassador of Japan. Alumni who volunteered as coordinators "
            "have run it since."
        ),
        "social": [("website", "https://ssp.jst.go.jp/sns/reunion/country/india.html")],
        "coordinators": [],
        "events": [
            {
                "slug": "1st-india-reunion",
                "title": "1st India reunion",
                "edition": 1,
                "start": month(2018, 10),
                "format": "in_person",
                "venue": "Residence of the Ambassador of Japan",
                "city": "New Delhi",
                "intro": "The reunion at which ISCA was founded.",
                "body": "Alumni met at the ambassador's residence and volunteers came "
                "forward to coordinate the new association.",
            },
            {
                "slug": "2nd-india-reunion",
                "title": "2nd India reunion",
                "edition": 2,
                "start": month(2020, 2),
                "format": "in_person",
                "venue": "Indian Institute of Technology Delhi",
                "city": "New Delhi",
                "intro": "Young researchers' talks and a poster contest for high-school students.",
                "body": "Young researchers presented their work, and high-school students "
                "competed in a science poster session whose best entries were honoured.",
                "gallery": ["Poster session", "Award ceremony"],
            },
            {
                "slug": "3rd-india-reunion",
                "title": "3rd India reunion",
                "edition": 3,
                "start": month(2021, 5),
                "format": "online",
                "intro": "Indian professors in Japan on taking a master's or doctorate there.",
                "body": "Professors from India with established careers in Japan explained "
                "what graduate study in Japan offers.",
                "contest": (
                    "E-poster contest",
                    [
                        (1, "Overcoming COVID through international relations"),
                        (2, "India and Japan: a dynamic cultural fusion"),
                        (3, "Overcoming COVID through international relations"),
                    ],
                ),
            },
        ],
    },
    {
        "slug": "indonesia",
        "country": "ID",
        "title": "Indonesia",
        "local_name": "Sakura Alumni Association Indonesia",
        "acronym": "SAAI",
        "founded": month(2019, 12),
        "intro": "SAAI: fifteen volunteer coordinators and the network's first online reunion.",
        "body": (
            "SAAI was formed at the first reunion in Jakarta in December 2019, when fifteen "
            "volunteers offered to coordinate it. It was the first chapter to hold a reunion "
            "online, and it runs SAAI Talks, campaigns on social media and a science essay "
            "competition."
        ),
        "social": [("facebook", "https://www.facebook.com/sakurascienceclubid/")],
        "coordinators": [("Kadek Hendra Darmawan", "chair", 2021)],
        "events": [
            {
                "slug": "1st-indonesia-reunion",
                "title": "1st Indonesia reunion",
                "edition": 1,
                "start": month(2019, 12),
                "format": "in_person",
                "city": "Jakarta",
                "intro": "The reunion at which SAAI was formed.",
                "body": "Fifteen alumni with ideas for the chapter volunteered as its first "
                "coordinators.",
            },
            {
                "slug": "saai-grand-webinar",
                "title": "2nd Indonesia reunion: SAAI Grand Webinar",
                "edition": 2,
                "start": month(2020, 7),
                "format": "online",
                "intro": "The first reunion of the network held entirely online.",
                "body": "When travel stopped, SAAI moved its reunion online and kept its "
                "members talking.",
            },
            {
                "slug": "saai-talks",
                "title": "SAAI Talks",
                "kind": "talk",
                "start": month(2020, 9),
                "format": "online",
                "intro": "Alumni who studied or research in Japan share their experience, "
                "in Indonesian.",
                "body": "An informal series of talks in Indonesian by alumni who studied in "
                "Japan or work there as researchers.",
            },
        ],
    },
    {
        "slug": "malaysia",
        "country": "MY",
        "title": "Malaysia",
        "local_name": "Malaysia Alumni of Sakura Science Association",
        "acronym": "MASSA",
        "founded": month(2019, 10),
        "intro": "MASSA: eleven coordinators working for research ties across the network.",
        "body": (
            "MASSA was founded at the first reunion in Kuala Lumpur in October 2019, where "
            "eleven alumni became coordinators. They want joint research and networking "
            "among alumni of every country, not only between Malaysia and Japan."
        ),
        "social": [
            ("facebook", "https://www.facebook.com/MalaysiaAlumniOfSakuraScienceAssociation/")
        ],
        "coordinators": [],
        "events": [
            {
                "slug": "1st-malaysia-reunion",
                "title": "1st Malaysia reunion",
                "edition": 1,
                "start": month(2019, 10),
                "format": "in_person",
                "city": "Kuala Lumpur",
                "intro": "The reunion at which MASSA was founded.",
                "body": "Alumni brought ideas for the chapter's activities, and eleven of "
                "them became its coordinators.",
            },
            {
                "slug": "university-online-event-2021",
                "title": "University online event co-hosted by MASSA",
                "kind": "activity",
                "start": month(2021, 6),
                "format": "online",
                "intro": "An online event with a university, co-hosted by the chapter.",
                "body": "MASSA co-hosted an online event with a university for its members.",
            },
            {
                "slug": "2nd-malaysia-reunion",
                "title": "2nd Malaysia reunion",
                "edition": 2,
                "start": month(2022, 2),
                "format": "online",
                "intro": "Researchers on their career paths and on studying in Japan.",
                "body": "Researchers making their way in Japan and at home described their "
                "careers and their years as students in Japan.",
            },
        ],
    },
    {
        "slug": "nepal",
        "country": "NP",
        "title": "Nepal",
        "local_name": "Sakura Science Club Nepal",
        "acronym": "SSCN",
        "founded": month(2022, 1),
        "intro": "SSCN: launched online in January 2022, preparing its first reunion.",
        "body": (
            "Volunteer coordinators of different ages, backgrounds and professions met for "
            "the first time online in January 2022 to launch SSCN. They want it to be a "
            "place to share knowledge about choosing Japan for higher education."
        ),
        "social": [("facebook", "https://www.facebook.com/profile.php?id=100072068460522")],
        "coordinators": [],
        "events": [
            {
                "slug": "sscn-launch-meeting",
                "title": "SSCN launch meeting",
                "kind": "meeting",
                "start": month(2022, 1),
                "format": "online",
                "intro": "The coordinators' first meeting.",
                "body": "Coordinators proposed knowledge-exchange sessions, discussion "
                "forums and training workshops.",
            },
        ],
    },
    {
        "slug": "sri-lanka",
        "country": "LK",
        "title": "Sri Lanka",
        "local_name": "Sakura Science Club Alumni Association of Sri Lanka",
        "acronym": "SSCAASL",
        "founded": month(2019, 2),
        "intro": "SSCAASL: bringing hands-on science to pupils in remote areas.",
        "body": (
            "SSCAASL began at a meeting in Colombo in February 2019 that elected five "
            "coordinators. With the National Science Foundation and the University of "
            "Moratuwa, its members support secondary-school pupils in remote areas who have "
            "few chances to do experiments themselves."
        ),
        "social": [("facebook", "https://www.facebook.com/SSCAASL")],
        "coordinators": [],
        "events": [
            {
                "slug": "1st-sri-lanka-reunion",
                "title": "1st Sri Lanka reunion",
                "edition": 1,
                "start": month(2019, 2),
                "format": "in_person",
                "city": "Colombo",
                "intro": "Five coordinators elected; SSCAASL is born.",
                "body": "Alumni in Colombo elected five coordinators to found the chapter.",
            },
            {
                "slug": "2nd-sri-lanka-reunion",
                "title": "2nd Sri Lanka reunion",
                "edition": 2,
                "start": month(2021, 6),
                "format": "online",
                "intro": "University exchanges, joint research and international programmes.",
                "body": "Speakers presented exchanges and joint research between universities "
                "and invited researchers to e-ASIA JRP and SATREPS.",
            },
        ],
    },
    {
        "slug": "vietnam",
        "country": "VN",
        "title": "Vietnam",
        "local_name": "Sakura Science Club Vietnam",
        "acronym": "SSCV",
        "founded": month(2019, 3),
        "intro": "SSCV: an events team and a social media team.",
        "body": (
            "Nine alumni founded SSCV at the first reunion in Hanoi in March 2019. The "
            "chapter works in two groups, one planning events and one running its social "
            "media."
        ),
        "social": [("website", "https://ssp.jst.go.jp/sns/reunion/country/vietnam.html")],
        "coordinators": [],
        "events": [
            {
                "slug": "1st-vietnam-reunion",
                "title": "1st Vietnam reunion",
                "edition": 1,
                "start": month(2019, 3),
                "format": "in_person",
                "city": "Hanoi",
                "intro": "Nine alumni found SSCV.",
                "body": "The first reunion in Vietnam, where nine alumni took on the chapter.",
                "gallery": ["Hanoi reunion"],
            },
            {
                "slug": "2nd-vietnam-reunion",
                "title": "2nd Vietnam reunion",
                "edition": 2,
                "start": month(2021, 9),
                "format": "online",
                "intro": "Studying and working in Japan, told by those who did.",
                "body": "Alumni described how the exchange program helped them choose Japan "
                "and what studying and working there is like.",
            },
        ],
    },
    {
        "slug": "bangladesh",
        "country": "BD",
        "title": "Bangladesh",
        "local_name": "Sakura Science Club Bangladesh",
        "acronym": "",
        "member_count": 57,
        "member_count_year": 2021,
        "intro": "A growing Facebook group where alumni share photos of their visits.",
        "body": (
            "The Bangladesh chapter started on Facebook: the group opened in 2021, and its "
            "members post photographs and memories of their time in Japan."
        ),
        "social": [("facebook", "https://www.facebook.com/groups/197825208419023/about")],
        "coordinators": [],
        "events": [],
    },
    {
        "slug": "singapore",
        "country": "SG",
        "title": "Singapore",
        "local_name": "Sakura Science Club Singapore",
        "acronym": "",
        "intro": "Alumni from Singapore Polytechnic, River Valley High School and Dunman High "
        "School.",
        "body": "Singapore's alumni held the network's earliest reunion abroad, in March 2016.",
        "social": [],
        "coordinators": [],
        "events": [
            {
                "slug": "1st-singapore-reunion",
                "title": "1st Singapore reunion",
                "edition": 1,
                "start": month(2016, 3),
                "format": "in_person",
                "venue": "Japan Creative Centre",
                "city": "Singapore",
                "intro": "Students report on their exchange at the Japan Creative Centre.",
                "body": "Students of Singapore Polytechnic, River Valley High School and "
                "Dunman High School presented what they gained from their exchange.",
            },
        ],
    },
    {
        "slug": "thailand",
        "country": "TH",
        "title": "Thailand",
        "local_name": "Sakura Science Club in Thailand",
        "acronym": "",
        "intro": "A busy Facebook page, with many posts in Thai.",
        "body": "The Thai chapter meets at reunions and keeps in touch on Facebook.",
        "social": [("facebook", "https://www.facebook.com/groups/sakurascienceclubinthailand/")],
        "coordinators": [],
        "events": [
            {
                "slug": "1st-thailand-reunion",
                "title": "1st Thailand reunion",
                "edition": 1,
                "start": month(2017, 9),
                "format": "in_person",
                "venue": "Japan Education Fair",
                "city": "Bangkok",
                "intro": "Held at the Japan Education Fair in Bangkok.",
                "body": "The first Thai reunion took place at a fair about studying in Japan.",
            },
            {
                "slug": "2nd-thailand-reunion",
                "title": "2nd Thailand reunion",
                "edition": 2,
                "start": month(2020, 11),
                "format": "online",
                "intro": "An online reunion to renew the alumni's ties.",
                "body": "Alumni met online to reconfirm the bonds made during their visits.",
            },
        ],
    },
]

# Network events carry the country their pictures take their colours from.
NETWORK_EVENTS: list[Seed] = [
    {
        "slug": "alumnitalk-antara-puranik",
        "country": "IN",
        "title": "AlumniTalk: Antara Puranik (India)",
        "kind": "talk",
        "start": month(2020, 8),
        "format": "online",
        "intro": "The 2020 AlumniTalk series: an alumna from India.",
        "body": "A talk in the 2020 AlumniTalk series, open to members of every chapter.",
    },
    {
        "slug": "alumnitalk-myanmar",
        "country": "MM",
        "title": "AlumniTalk: Thin Thin Htut and Soe Htet Wai (Myanmar)",
        "kind": "talk",
        "start": month(2020, 9),
        "format": "online",
        "intro": "The 2020 AlumniTalk series: two alumni from Myanmar.",
        "body": "Two alumni from Myanmar spoke in the 2020 AlumniTalk series.",
    },
    {
        "slug": "alumnitalk-oscar-gallegos-ortega",
        "country": "MX",
        "title": "AlumniTalk: Oscar Gallegos Ortega (Mexico)",
        "kind": "talk",
        "start": month(2020, 10),
        "format": "online",
        "intro": "The 2020 AlumniTalk series: an alumnus from Mexico.",
        "body": "The AlumniTalk series reached beyond Asia with a speaker from Mexico.",
    },
]


def upcoming_network_events(today):
    """Events dated from the day the demo is loaded, so that the home page and the calendars
    always have something ahead (a later run keeps the dates of the first)."""
    return [
        {
            "slug": "alumnitalk-careers-in-japanese-research",
            "country": "JP",
            "title": "AlumniTalk: careers in Japanese research",
            "kind": "talk",
            "start": PartialDate(today + timedelta(days=24)),
            "format": "online",
            "intro": "Alumni now working in Japanese laboratories answer members' questions.",
            "body": "Three alumni who returned to Japan as researchers talk about how they "
            "found their posts. Members of every chapter can join online.",
        },
        {
            "slug": "coordinators-meeting-next-year",
            "country": "JP",
            "title": "Chapter coordinators' meeting",
            "kind": "meeting",
            "start": PartialDate(today + timedelta(days=61)),
            "format": "hybrid",
            "city": "Tokyo",
            "intro": "Coordinators of every chapter plan the coming year with the secretariat.",
            "body": "The coordinators meet in Tokyo and online to share what worked in their "
            "chapters and to plan the next reunions.",
        },
    ]


PEOPLE: list[Seed] = [
    {
        "name": "Lai Hung Wei",
        "country": "MY",
        "programme_year": 2016,
        "affiliation": "Kochi University",
        "bio": "Project assistant professor researching photodynamic therapy for cancer; "
        "chair of the Japan chapter.",
    },
    {
        "name": "Kadek Hendra Darmawan",
        "country": "ID",
        "affiliation": "",
        "bio": "Chair of SAAI from 2021.",
    },
]

MENTORS: list[Seed] = [
    {
        "slug": "haruka-mori",
        "name": "Dr. Haruka Mori",
        "position": "Associate professor",
        "affiliation": "A national university in Tokyo",
        "research_field": "Materials science",
        "bio": "A fictional mentor of the demo site, writing about laboratory life.",
    },
    {
        "slug": "arjun-mehta",
        "name": "Dr. Arjun Mehta",
        "position": "Researcher",
        "affiliation": "A research institute in Osaka",
        "research_field": "Bioinformatics",
        "country_of_origin": "IN",
        "bio": "A fictional mentor of the demo site, writing about careers in Japan.",
    },
]

MENTOR_COLUMNS: list[Seed] = [
    {
        "slug": "choosing-a-laboratory",
        "title": "Choosing a laboratory in Japan",
        "mentor": "haruka-mori",
        "date": date(2021, 4, 15),
        "topics": ["study in Japan", "graduate school"],
        "intro": "Write to the professor first, and read what the lab published lately.",
        "body": [
            "In Japan a graduate student joins a laboratory more than a department, so the "
            "laboratory decides much of your daily life.",
            "Read the lab's recent papers, write to the professor with a short research plan, "
            "and ask to talk to a current student before you apply.",
        ],
    },
    {
        "slug": "job-hunting-calendar",
        "title": "How the Japanese job-hunting calendar works",
        "mentor": "arjun-mehta",
        "date": date(2021, 10, 1),
        "topics": ["careers", "job hunting"],
        "intro": "Companies recruit a year ahead: start early, and keep your Japanese going.",
        "body": [
            "Many Japanese companies hire graduates in one yearly round that starts well "
            "before graduation.",
            "International students who start early, and who keep improving their Japanese, "
            "have the widest choice.",
        ],
    },
]

# Members' questions to the mentors (fictional askers): two answered in the columns below (the
# Q&A block quotes them, "answer" holds the mentor's reply), one passed to a mentor, one waiting
# for the Secretariat.
MENTOR_QUESTIONS: list[Seed] = [
    {
        "key": "demo:laboratory",
        "question": "How can I tell, before I apply, whether a laboratory in Japan suits me?",
        "topic": "study",
        "name": "Farhana Rahman",
        "show_name": True,
        "country": "BD",
        "programme_year": 2019,
        "language": "en",
        "assigned_mentor": "haruka-mori",
        "column": "choosing-a-laboratory",
        "answer": "Ask the professor whether you may join the lab's seminar online for a few "
        "weeks. How the members discuss unfinished work tells you more than any web page.",
    },
    {
        "key": "demo:internship",
        "question": "Do Japanese companies offer internships to students who are still abroad?",
        "topic": "career",
        "name": "Tran Minh Chau",
        "show_name": False,
        "country": "VN",
        "programme_year": 2023,
        "language": "en",
        "assigned_mentor": "arjun-mehta",
        "column": "job-hunting-calendar",
        "answer": "Yes: many run short online internships in the summer before the hiring "
        "round. Watch the companies' English career pages from spring.",
    },
    {
        "key": "demo:postdoc",
        "question": "日本でポスドクの職を探すには、どこから始めればよいですか。",
        "topic": "career",
        "name": "Sari Wulandari",
        "show_name": False,
        "country": "ID",
        "programme_year": 2022,
        "language": "ja",
        "status": "assigned",
        "assigned_mentor": "arjun-mehta",
    },
    {
        "key": "demo:winter",
        "question": "What should I pack for a winter programme in Hokkaido?",
        "topic": "life",
        "name": "Nguyen Van Long",
        "show_name": False,
        "country": "VN",
        "programme_year": 2024,
        "language": "en",
        "status": "new",
    },
]

# Messages members sent through the site's form, waiting for the Secretariat's review (draft
# pages in the workflow). The senders' addresses are made up from the keys.
MEMBER_VOICE_SUBMISSIONS: list[Seed] = [
    {
        "key": "demo:voice-ceramics",
        "language": "en",
        "name": "Nadeesha Perera",
        "country": "LK",
        "programme": "Sakura Science High School Program",
        "programme_year": 2023,
        "affiliation": "University of Peradeniya",
        "message": "I watched a kiln being opened in Seto and asked far too many questions.\n\n"
        "Now I study glazes for tiles that stay cool in the tropical sun.",
        "photo": True,
    },
    {
        "key": "demo:voice-robotics",
        "language": "ja",
        "name": "Pemba Tamang",
        "country": "NP",
        "programme": "さくらサイエンスプログラム",
        "programme_year": 2022,
        "affiliation": "トリブバン大学",
        "message": "東京の研究室で見た小さなロボットが、今の私の卒業研究の出発点です。\n\n"
        "後輩たちにも、ぜひ一度日本の研究現場を見てほしいと思います。",
        "photo": False,
    },
]

MEMBER_VOICES: list[Seed] = [
    {
        "slug": "lai-hung-wei",
        "title": "From a visit to a research career in Japan",
        "member_name": "Lai Hung Wei",
        "country": "MY",
        "programme_year": 2016,
        "affiliation": "Kochi University",
        "intro": "A 2016 visit from Malaysia led to a research career in Kochi.",
        "body": [
            "My visit in 2016 showed me cutting-edge research and people who cared deeply "
            "about their work. I decided to come back.",
            "Today I research photodynamic therapy for cancer, and I want the club to keep "
            "connecting experts across borders as it has since 2014.",
        ],
    },
    {
        "slug": "kadek-hendra-darmawan",
        "title": "Greetings from SAAI's new chair",
        "member_name": "Kadek Hendra Darmawan",
        "country": "ID",
        "affiliation": "Sakura Alumni Association Indonesia",
        "intro": "SAAI's chair, elected in 2021, introduces himself.",
        "body": [
            "Elected chair of SAAI in 2021, I want our members to keep meeting, online and in "
            "person, and to keep learning from one another.",
        ],
    },
]

YEARBOOKS: list[Seed] = [
    {
        "fiscal_year": 2021,
        "title": "Yearbook 2021",
        "intro": "Coordinators of the Sakura Science Club in fiscal year 2021.",
        "entries": [
            ("Lai Hung Wei", "japan", "chair"),
            ("Kadek Hendra Darmawan", "indonesia", "chair"),
        ],
    },
]

# Each programme's picture: a scene of site_pages/demo/images.py in a country's colours.
PROGRAMMES: list[Seed] = [
    {
        "slug": "sakura-science-high-school-program",
        "picture": ("laboratory", None),
        "title": "Sakura Science High School Program",
        "acronym": "SSHP",
        "category": "high_school",
        "first_year": 2014,
        "last_year": 2019,
        "course_count": 49,
        "participant_count": 5539,
        "intro": "A week in Japan for outstanding high-school students and their teachers.",
        "body": [
            "Since 2014, JST has invited outstanding high-school students, mainly from Asia, "
            "for a week of classes with leading scientists, Nobel laureates among them, visits "
            "to universities and research institutes, and time with Japanese students.",
            "In its first six years the program ran 49 courses for 5,539 students from 14 "
            "countries and regions at the start; more than 90% said they wanted to come back.",
        ],
        "figures": [("49", "courses"), ("5,539", "students"), ("90%+", "want to return")],
        "children": [],
    },
    {
        "slug": "sakura-science-supporters-program",
        "picture": ("skyline", "JP"),
        "title": "Sakura Science Supporters Program",
        "acronym": "",
        "category": "supporters",
        "intro": "Visits for officials and administrators who make the exchanges possible.",
        "body": [
            "JST invites people who help run the exchange program in their own countries to "
            "see Japan's science and technology, and how Japan administers them.",
        ],
        "figures": [],
        "children": [
            {
                "slug": "chinese-officers-invitation-program",
                "picture": ("skyline", "CN"),
                "title": "Chinese Officers Invitation Program",
                "category": "officers",
                "first_year": 2019,
                "last_year": 2019,
                "participant_count": 153,
                "intro": "153 officials from ministries, agencies and universities in FY2019.",
                "body": [
                    "Officials of the Ministry of Science and Technology, regional science "
                    "agencies and major universities studied environment and recycling, new "
                    "energy and industry-academia-government collaboration in Japan.",
                ],
                "figures": [("153", "officials")],
            },
            {
                "slug": "asean-young-officers-program",
                "picture": ("seascape", None),
                "title": "ASEAN Young Officers Program",
                "category": "officers",
                "first_year": 2018,
                "last_year": 2018,
                "participant_count": 26,
                "intro": "26 young administrators on the Sustainable Development Goals.",
                "body": [
                    "In November 2018, young administrators from ASEAN member states and the "
                    "ASEAN Secretariat took part in a programme on the SDGs, including a "
                    "discussion at MEXT.",
                ],
                "figures": [("26", "administrators")],
            },
            {
                "slug": "indian-officers-invitation-program",
                "picture": ("plains", "IN"),
                "title": "Indian Officers Invitation Program",
                "category": "officers",
                "first_year": 2019,
                "last_year": 2019,
                "participant_count": 30,
                "intro": "30 researchers and administrators from 19 Indian universities and "
                "ministries.",
                "body": [
                    "In January 2019 researchers from IITs and IISERs and officials of Indian "
                    "ministries spent a week visiting Japanese universities, RIKEN, AIST and "
                    "JEOL, and joined a Japan-India university exchange hosted by JST.",
                ],
                "figures": [("30", "participants"), ("19", "universities")],
            },
        ],
    },
]

STANDARD_PAGES: list[Seed] = [
    {
        "slug": "about",
        "title": "About the Sakura Science Club",
        "intro": "The alumni network of the Sakura Science Exchange Program.",
        "body": [
            "Everyone who takes part in the Sakura Science Exchange Program becomes a member "
            "of the Sakura Science Club. By 2020 the club had more than 30,000 members.",
            "Members run the club themselves: reunions, contests and talks in their own "
            "languages, with JST's secretariat supporting them.",
        ],
    },
    {
        "slug": "privacy",
        "title": "Privacy notice",
        "intro": "What the club keeps when you write to it, why, and for how long.",
        "in_menu": False,
        "body": [
            "When you ask a Sakura Mentor a question or send a message for Members' Voice, the "
            "club keeps what you type in the form: your name, e-mail address, country, "
            "programme and year, your question or message, and any photo you add.",
            "The secretariat reads it to pass your question to a mentor or to prepare your "
            "message for the site. Mentors see your question and first name, never your e-mail "
            "address. Your message is published only if you agreed to it, and only after the "
            "secretariat has reviewed it; your name appears with an answer only if you said so.",
            "We use your e-mail address to confirm what you sent and to tell you when the answer "
            "or your message is online. It never appears on the site, in feeds or in the app.",
            "Answered questions, sent e-mails and the record of who sent a published message "
            "are deleted twelve months after they arrive.",
            "The monthly newsletter keeps your e-mail address, its language and the chapters you "
            "chose. A request you do not confirm within a week is deleted; unsubscribing, with "
            "the link in every issue, deletes your address at once.",
            "You may ask the secretariat at any time, through the contact address at the foot "
            "of every page, for a copy of what the club holds about you or for it to be "
            "deleted.",
        ],
    },
    {
        "slug": "certificate-of-contribution",
        "title": "Certificate of Contribution",
        "intro": "How the secretariat thanks members who help the club.",
        "body": [
            "Members who contribute to the club's activities receive a Certificate of "
            "Contribution from the secretariat.",
        ],
    },
]


# The newsletter: a few confirmed readers (addresses of the documentation domains), one issue
# sent in English and one Japanese draft waiting for the Secretariat. Stored directly: the demo
# mails nobody.
NEWSLETTER_SUBSCRIBERS: list[Seed] = [
    {"email": "newsletter-reader-1@example.org", "language": "en", "chapters": []},
    {"email": "newsletter-reader-2@example.com", "language": "en", "chapters": ["india"]},
    {"email": "newsletter-reader-3@example.org", "language": "ja", "chapters": []},
]
NEWSLETTER_ISSUES: list[Seed] = [
    {
        "language": "en",
        "sent": True,
        "intro": "Reunions season has started: the chapters have been busy, and their reports "
        "are below. This month's Sakura Mentor column answers a question many of you sent us "
        "about choosing a laboratory.\n\n"
        "Tell us what you would like to read here: reply through the contact address at the foot "
        "of the site.",
    },
    {
        "language": "ja",
        "sent": False,
        "intro": "各支部の同窓会の季節が始まりました。今月号では、支部からの報告と、研究室選びに"
        "ついてのサクラメンターのコラムをご紹介します。",
    },
]
