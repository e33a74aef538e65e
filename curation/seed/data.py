# Chinese text uses full-width punctuation on purpose.
# ruff: noqa: RUF001
"""The Smart Hong Kong Pavilion at InnoEX 2025, as data.

Every fact here comes from the Government's press release of 13 April 2025
(``shared/seed/press-release-smart-hk-pavilion.txt``) or is a public fact (official names,
abbreviations and websites of the departments). Nothing is invented: where the release
names no award (HKPC's and the Housing Authority's "award-winning" solutions) no
recognition is recorded, and where it gives an exhibit no title a plain descriptive one is
used. Simplified Chinese is left empty on purpose: the site shows it converted from
Traditional Chinese with OpenCC.

This module is plain Python (no Django import) so that ``fonts/make_subset.py`` can read
the cover texts with nothing but fontTools installed.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

# ---------------------------------------------------------------------------------------
# Shapes
# ---------------------------------------------------------------------------------------


@dataclass(frozen=True)
class Text:
    """One piece of content in English and Traditional Chinese."""

    en: str
    zh_hant: str


@dataclass(frozen=True)
class EditionSeed:
    slug: str
    name: Text
    fair_name: Text
    edition_number: int
    venue: Text
    starts_on: dt.date
    ends_on: dt.date
    theme: Text
    focus: Text
    co_organisers: Text
    organiser: Text
    website: str
    # Demo convenience: the window opens the day the edition is first created and stays
    # open this long, so the portal can be tried at once. A later run leaves it alone.
    window_days: int


@dataclass(frozen=True)
class ZoneSeed:
    slug: str
    name: Text
    description: Text
    colour: str
    # How the colour is named in the cover image's alternative text.
    colour_name: Text


@dataclass(frozen=True)
class DepartmentSeed:
    slug: str
    name: Text
    abbreviation: str
    kind: str  # departments.models.Department.Kind value
    website: str


@dataclass(frozen=True)
class TechnologySeed:
    slug: str
    name: Text
    is_key_area: bool


@dataclass(frozen=True)
class AwardSeed:
    slug: str
    name: Text
    website: str


@dataclass(frozen=True)
class ExhibitSeed:
    slug: str
    zone: str
    lead: str
    partners: tuple[str, ...]
    technologies: tuple[str, ...]
    title: Text
    summary: Text
    description: Text
    featured: bool = False


@dataclass(frozen=True)
class RecognitionSeed:
    award: str
    exhibit: str
    year: int
    title: Text


@dataclass(frozen=True)
class CoverText:
    """Every string drawn on one exhibit's cover image (the font subset must hold them)."""

    zone_line: str
    title_en: str
    title_zh: str
    footer: str

    def strings(self) -> tuple[str, ...]:
        return (self.zone_line, self.title_en, self.title_zh, self.footer)


# ---------------------------------------------------------------------------------------
# The edition
# ---------------------------------------------------------------------------------------

EDITION = EditionSeed(
    slug="innoex-2025",
    name=Text("Smart Hong Kong Pavilion", "智慧香港展館"),
    fair_name=Text("InnoEX 2025", "國際創科展 2025"),
    edition_number=3,
    venue=Text("Hong Kong Convention and Exhibition Centre", "香港會議展覽中心"),
    starts_on=dt.date(2025, 4, 13),
    ends_on=dt.date(2025, 4, 16),
    # The release gives the theme in English only; its Chinese wording is not in the
    # source, so Chinese pages fall back to the English theme rather than a guess.
    theme=Text("Innovation • Automate • Elevate", ""),
    focus=Text("AI and data-driven applications", "人工智能及數據驅動應用"),
    co_organisers=Text(
        "Innovation, Technology and Industry Bureau (ITIB) and "
        "Hong Kong Trade Development Council (HKTDC)",
        "創新科技及工業局及香港貿易發展局",
    ),
    organiser=Text("Digital Policy Office", "數字政策辦公室"),
    website="https://www.hktdc.com/event/innoex/en",
    window_days=30,
)

# ---------------------------------------------------------------------------------------
# Zones, in the release's order. Colours are dark enough for white text (WCAG AA, ≥ 4.5:1;
# tests/pavilion/test_seed.py checks each).
# ---------------------------------------------------------------------------------------

ZONES: tuple[ZoneSeed, ...] = (
    ZoneSeed(
        slug="smart-living",
        name=Text("Smart Living", "智慧生活"),
        description=Text(
            "Digital services and AI in citizens' daily lives: one-stop access to online "
            "services, AI-powered weather prediction, and smart packaging of Chinese medicine.",
            "市民日常生活中的數碼服務及人工智能：一站式網上服務、人工智能天氣預測，以及中藥智能包裝。",
        ),
        colour="#0b5394",
        colour_name=Text("dark blue", "深藍色"),
    ),
    ZoneSeed(
        slug="smart-mobility",
        name=Text("Smart Mobility", "智慧出行"),
        description=Text(
            "Railway planning with a digital twin calibrated with big data, helping to meet "
            "citizens' travel needs.",
            "以大數據校準的數碼孿生規劃鐵路服務，配合市民的出行需要。",
        ),
        colour="#8a4500",
        colour_name=Text("dark brown", "深啡色"),
    ),
    ZoneSeed(
        slug="smart-environment",
        name=Text("Smart Environment", "智慧環境"),
        description=Text(
            "AI for the environment: identifying the species of shark fins, and detecting "
            "invasive alien species early to protect wetland ecosystems.",
            "以人工智能保護環境：鑑定魚翅的鯊魚品種，以及及早偵測外來入侵物種以保護濕地生態系統。",
        ),
        colour="#1b6632",
        colour_name=Text("dark green", "深綠色"),
    ),
    ZoneSeed(
        slug="smart-people",
        name=Text("Smart People", "智慧市民"),
        description=Text(
            "Robots and AI that inspect building facades, pipelines and roads efficiently: "
            "a wall-climbing robot, a pipeline inspection ball robot and road surveys that "
            "detect road objects automatically.",
            "高效檢查建築物外牆、管道及道路的機械人及人工智能：爬牆機械人、管道檢測球形機械人，"
            "以及自動偵測道路物件的道路測量。",
        ),
        colour="#6a1b9a",
        colour_name=Text("dark purple", "深紫色"),
    ),
    ZoneSeed(
        slug="smart-government",
        name=Text("Smart Government", "智慧政府"),
        description=Text(
            "Immersive and simulated training for firefighters and police officers, and "
            "QR code clearance shared between Hong Kong and Macao.",
            "為消防員及警務人員而設的沉浸式及模擬訓練，以及港澳二維碼互通通關服務。",
        ),
        colour="#a01c3c",
        colour_name=Text("dark red", "深紅色"),
    ),
    ZoneSeed(
        slug="smart-economy",
        name=Text("Smart Economy", "智慧經濟"),
        description=Text(
            "Spatial data and GIS for safer, more efficient drone operations and the "
            "low-altitude economy, and digital project management from planning to handover.",
            "以空間數據及地理資訊系統提升無人機飛行的安全及效率、支援低空經濟發展，"
            "以及由規劃至移交階段的數碼化項目管理。",
        ),
        colour="#00606b",
        colour_name=Text("dark teal", "深藍綠色"),
    ),
)

# ---------------------------------------------------------------------------------------
# Departments and partners: official names, abbreviations and websites (public facts).
# ---------------------------------------------------------------------------------------

GOVERNMENT = "government"
PUBLIC_BODY = "public_body"
UNIVERSITY = "university"
COMPANY = "company"

DEPARTMENTS: tuple[DepartmentSeed, ...] = (
    DepartmentSeed(
        "dpo",
        Text("Digital Policy Office", "數字政策辦公室"),
        "DPO",
        GOVERNMENT,
        "https://www.digitalpolicy.gov.hk/",
    ),
    DepartmentSeed(
        "hko",
        Text("Hong Kong Observatory", "香港天文台"),
        "HKO",
        GOVERNMENT,
        "https://www.hko.gov.hk/",
    ),
    DepartmentSeed(
        "hkpc",
        Text("Hong Kong Productivity Council", "香港生產力促進局"),
        "HKPC",
        PUBLIC_BODY,
        "https://www.hkpc.org/",
    ),
    DepartmentSeed(
        "mtr",
        Text("MTR Corporation Limited", "香港鐵路有限公司"),
        "MTR",
        COMPANY,
        "https://www.mtr.com.hk/",
    ),
    DepartmentSeed(
        "hkust",
        Text("The Hong Kong University of Science and Technology", "香港科技大學"),
        "HKUST",
        UNIVERSITY,
        "https://hkust.edu.hk/",
    ),
    DepartmentSeed(
        "afcd",
        Text("Agriculture, Fisheries and Conservation Department", "漁農自然護理署"),
        "AFCD",
        GOVERNMENT,
        "https://www.afcd.gov.hk/",
    ),
    DepartmentSeed(
        "emsd",
        Text("Electrical and Mechanical Services Department", "機電工程署"),
        "EMSD",
        GOVERNMENT,
        "https://www.emsd.gov.hk/",
    ),
    DepartmentSeed(
        "archsd",
        Text("Architectural Services Department", "建築署"),
        "ArchSD",
        GOVERNMENT,
        "https://www.archsd.gov.hk/",
    ),
    DepartmentSeed(
        "dsd",
        Text("Drainage Services Department", "渠務署"),
        "DSD",
        GOVERNMENT,
        "https://www.dsd.gov.hk/",
    ),
    DepartmentSeed(
        "hyd",
        Text("Highways Department", "路政署"),
        "HyD",
        GOVERNMENT,
        "https://www.hyd.gov.hk/",
    ),
    DepartmentSeed(
        "fsd",
        Text("Fire Services Department", "消防處"),
        "FSD",
        GOVERNMENT,
        "https://www.hkfsd.gov.hk/",
    ),
    DepartmentSeed(
        "hkpf",
        Text("Hong Kong Police Force", "香港警務處"),
        "HKPF",
        GOVERNMENT,
        "https://www.police.gov.hk/",
    ),
    DepartmentSeed(
        "immd",
        Text("Immigration Department", "入境事務處"),
        "ImmD",
        GOVERNMENT,
        "https://www.immd.gov.hk/",
    ),
    DepartmentSeed(
        "landsd",
        Text("Lands Department", "地政總署"),
        "LandsD",
        GOVERNMENT,
        "https://www.landsd.gov.hk/",
    ),
    DepartmentSeed(
        "ha",
        Text("Hong Kong Housing Authority", "香港房屋委員會"),
        "HA",
        PUBLIC_BODY,
        "https://www.housingauthority.gov.hk/",
    ),
)

# ---------------------------------------------------------------------------------------
# Technologies: the fair's five key areas (in the release's order), then the others the
# release names.
# ---------------------------------------------------------------------------------------

TECHNOLOGIES: tuple[TechnologySeed, ...] = (
    TechnologySeed("low-altitude-economy", Text("Low-altitude economy", "低空經濟"), True),
    TechnologySeed("ai", Text("Artificial intelligence (AI)", "人工智能"), True),
    TechnologySeed("robotics", Text("Robotics", "機械人技術"), True),
    TechnologySeed("cybersecurity", Text("Cybersecurity", "網絡安全"), True),
    TechnologySeed("smart-mobility", Text("Smart mobility", "智慧出行"), True),
    TechnologySeed("digital-twin", Text("Digital twin", "數碼孿生"), False),
    TechnologySeed("big-data", Text("Big data", "大數據"), False),
    TechnologySeed("gis", Text("Geospatial data and GIS", "地理空間數據及地理資訊系統"), False),
    TechnologySeed("qr-code", Text("QR code", "二維碼"), False),
    TechnologySeed("simulation", Text("Simulation", "模擬"), False),
    TechnologySeed("embodied-intelligence", Text("Embodied intelligence", "具身智能"), False),
    TechnologySeed("dna-identification", Text("DNA identification", "DNA鑑定"), False),
    TechnologySeed("automation", Text("Automation", "自動化"), False),
    TechnologySeed("data-analytics", Text("Data analytics", "數據分析"), False),
    TechnologySeed("digital-services", Text("Digital services", "數碼服務"), False),
)

# ---------------------------------------------------------------------------------------
# Award programmes the release names, in its order, then the Geneva exhibition.
# ---------------------------------------------------------------------------------------

AWARDS: tuple[AwardSeed, ...] = (
    AwardSeed(
        "hong-kong-ict-awards",
        Text("Hong Kong ICT Awards", "香港資訊及通訊科技獎"),
        "https://www.hkictawards.hk/",
    ),
    AwardSeed(
        "apicta-awards",
        Text(
            "Asia Pacific Information and Communications Technology Alliance Awards "
            "(APICTA Awards)",
            "亞太資訊及通訊科技聯盟大獎",
        ),
        "",
    ),
    AwardSeed(
        "maker-in-china-hong-kong-chapter",
        Text(
            "Maker in China SME Innovation and Entrepreneurship Global Contest – Hong Kong Chapter",
            "「創客中國」中小企業創新創業全球大賽－香港賽區",
        ),
        "",
    ),
    AwardSeed("open-data-hackathon", Text("Open Data Hackathon", "開放數據編程比賽"), ""),
    AwardSeed(
        "international-exhibition-of-inventions-geneva",
        Text("International Exhibition of Inventions Geneva", "日內瓦國際發明展"),
        "https://www.inventions-geneva.ch/",
    ),
)

# ---------------------------------------------------------------------------------------
# The fourteen exhibits the release names, area by area, in its order.
# ---------------------------------------------------------------------------------------

EXHIBITS: tuple[ExhibitSeed, ...] = (
    # Smart Living
    ExhibitSeed(
        slug="iam-smart",
        zone="smart-living",
        lead="dpo",
        partners=(),
        technologies=("digital-services",),
        title=Text("iAM Smart", "智方便"),
        summary=Text(
            "The one-stop personalised digital services platform that provides citizens with "
            "access to over 1,100 government, public and private online services and "
            "government e-Forms.",
            "一站式個人化數碼服務平台，讓市民使用超過1 100項政府、公營及私營機構的"
            "網上服務及政府電子表格。",
        ),
        description=Text(
            '"iAM Smart" is the one-stop personalised digital services platform. It provides '
            "citizens with access to over 1,100 government, public and private online "
            "services and government e-Forms. It is shown in the Smart Living area of the "
            "Smart Hong Kong Pavilion.",
            "「智方便」是一站式個人化數碼服務平台，讓市民使用超過1 100項政府、"
            "公營及私營機構的網上服務及政府電子表格。展品設於智慧香港展館的智慧生活展區。",
        ),
    ),
    ExhibitSeed(
        slug="ai-weather-prediction-models",
        zone="smart-living",
        lead="hko",
        partners=(),
        technologies=("ai",),
        title=Text("AI-powered Weather Prediction Models", "人工智能天氣預測模型"),
        summary=Text(
            "AI-powered weather prediction models that provide reference in preparing weather "
            "forecasts and tropical cyclone forecast tracks.",
            "以人工智能驅動的天氣預測模型，為制訂天氣預報及熱帶氣旋預測路徑提供參考。",
        ),
        description=Text(
            "The Hong Kong Observatory's AI-powered weather prediction models provide "
            "reference in preparing weather forecasts and tropical cyclone forecast tracks.",
            "香港天文台以人工智能驅動的天氣預測模型，為制訂天氣預報及熱帶氣旋預測路徑提供參考。",
        ),
    ),
    ExhibitSeed(
        slug="smart-packaging-system-chinese-medicine",
        zone="smart-living",
        lead="hkpc",
        partners=(),
        technologies=("automation",),
        title=Text("Smart Packaging System for Chinese Medicine", "中藥智能包裝系統"),
        summary=Text(
            "An award-winning smart packaging system that significantly increases the "
            "packaging output of Chinese medicine and reduces manpower requirements.",
            "獲獎的智能包裝系統，大幅提升中藥的包裝產量，並減少人手需求。",
        ),
        description=Text(
            "An award-winning solution from the industry: a smart packaging system from the "
            "Hong Kong Productivity Council that significantly increases the packaging output "
            "of Chinese medicine and reduces manpower requirements.",
            "業界的獲獎方案：香港生產力促進局的智能包裝系統，大幅提升中藥的包裝產量，並減少人手需求。",
        ),
    ),
    # Smart Mobility
    ExhibitSeed(
        slug="railway-digital-twin",
        zone="smart-mobility",
        lead="mtr",
        partners=("hkust",),
        technologies=("digital-twin", "big-data", "simulation", "smart-mobility"),
        title=Text("Railway Digital Twin Calibrated with Big Data", "以大數據校準的鐵路數碼孿生"),
        summary=Text(
            "A digital twin calibrated with big data for railway planning and for simulating "
            "service disruptions and congestion, helping the MTR to plan corresponding "
            "arrangements early to meet the travel needs of citizens.",
            "以大數據校準的數碼孿生，用於鐵路規劃及模擬服務受阻和擠迫情況，協助港鐵及早規劃相應安排，"
            "以配合市民的出行需要。",
        ),
        description=Text(
            "Award of the Year in the Hong Kong ICT Awards 2024. This solution from the MTR "
            "Corporation Limited and the Hong Kong University of Science and Technology adopts "
            "a digital twin calibrated with big data for railway planning and for simulating "
            "service disruptions and congestion, thereby assisting the MTR to plan "
            "corresponding arrangements early to meet the travel needs of citizens.",
            "榮獲2024香港資訊及通訊科技獎年度大獎。這項由香港鐵路有限公司與香港科技大學合作的方案，"
            "採用以大數據校準的數碼孿生進行鐵路規劃，並模擬服務受阻和擠迫情況，"
            "協助港鐵及早規劃相應安排，以配合市民的出行需要。",
        ),
        featured=True,
    ),
    # Smart Environment
    ExhibitSeed(
        slug="shark-species-rapid-dna-identification",
        zone="smart-environment",
        lead="afcd",
        partners=(),
        technologies=("ai", "dna-identification"),
        title=Text("Shark Species Rapid DNA Identification", "鯊魚品種快速DNA鑑定"),
        summary=Text(
            "A technology that uses AI to rapidly identify the species of shark fins and more "
            "efficiently determine whether imported shark fins are regulated.",
            "運用人工智能快速鑑定魚翅所屬的鯊魚品種，更有效率地判斷進口魚翅是否受管制。",
        ),
        description=Text(
            "The Agriculture, Fisheries and Conservation Department's Shark Species Rapid DNA "
            "Identification technology uses AI to rapidly identify the species of shark fins "
            "and more efficiently determine whether the imported shark fins are regulated.",
            "漁農自然護理署的鯊魚品種快速DNA鑑定技術運用人工智能，快速鑑定魚翅所屬的鯊魚品種，"
            "更有效率地判斷進口魚翅是否受管制。",
        ),
    ),
    ExhibitSeed(
        slug="ai-powered-aqua-bot",
        zone="smart-environment",
        lead="emsd",
        partners=(),
        technologies=("ai", "robotics"),
        title=Text("AI-powered Aqua-bot", "人工智能Aqua-bot"),
        summary=Text(
            "An AI-powered Aqua-bot used in early detection of and rapid response to invasive "
            "alien species, to protect ecosystems in wetlands.",
            "以人工智能驅動的Aqua-bot，用於及早偵測和迅速應對外來入侵物種，保護濕地生態系統。",
        ),
        description=Text(
            "The Electrical and Mechanical Services Department's AI-powered Aqua-bot is used "
            "in early detection and rapid response to invasive alien species to protect "
            "ecosystems in wetlands.",
            "機電工程署以人工智能驅動的Aqua-bot，用於及早偵測和迅速應對外來入侵物種，保護濕地生態系統。",
        ),
    ),
    # Smart People
    ExhibitSeed(
        slug="wall-climbing-robot",
        zone="smart-people",
        lead="archsd",
        partners=(),
        technologies=("robotics",),
        title=Text("Wall-Climbing Robot", "爬牆機械人"),
        summary=Text(
            "A robot that can move flexibly on building facades and conduct building facade "
            "assessments efficiently and accurately.",
            "能在建築物外牆靈活移動的機械人，可高效而準確地進行建築物外牆評估。",
        ),
        description=Text(
            "The Architectural Services Department's Wall-Climbing Robot can move flexibly on "
            "building facades and conduct building facade assessments efficiently and "
            "accurately.",
            "建築署的爬牆機械人能在建築物外牆靈活移動，高效而準確地進行建築物外牆評估。",
        ),
    ),
    ExhibitSeed(
        slug="tumbler-inspection-ball-robot",
        zone="smart-people",
        lead="dsd",
        partners=(),
        technologies=("robotics", "ai", "embodied-intelligence"),
        title=Text(
            "Tumbler Inspection Ball Robot with Embodied Intelligence",
            "具身智能不倒翁檢測球機械人",
        ),
        summary=Text(
            "A robot that can monitor the condition of pipelines through clear 360-degree "
            "panoramic videos and AI technology; a Gold Medal winner at the International "
            "Exhibition of Inventions Geneva 2024.",
            "透過清晰的360度全景影片及人工智能技術監察管道狀況的機械人，於2024年日內瓦國際發明展獲頒金獎。",
        ),
        description=Text(
            "The Drainage Services Department's Tumbler Inspection Ball Robot with Embodied "
            "Intelligence, honoured with a Gold Medal in the International Exhibition of "
            "Inventions Geneva 2024, can monitor the condition of pipelines through clear "
            "360-degree panoramic videos and AI technology.",
            "渠務署的具身智能不倒翁檢測球機械人於2024年日內瓦國際發明展獲頒金獎，"
            "能透過清晰的360度全景影片及人工智能技術監察管道狀況。",
        ),
        featured=True,
    ),
    ExhibitSeed(
        slug="geospatial-ai-road-survey",
        zone="smart-people",
        lead="hyd",
        partners=(),
        technologies=("ai", "gis"),
        title=Text(
            "Geospatial and AI Technologies for Road Surveys",
            "以地理空間及人工智能技術進行道路測量",
        ),
        summary=Text(
            "Geospatial and AI technologies that automatically detect various road objects and "
            "create survey maps, enhancing the efficiency of road construction projects.",
            "採用地理空間及人工智能技術自動偵測各類道路物件並製作測量圖，提升道路工程項目的效率。",
        ),
        description=Text(
            "The Highways Department adopts geospatial and AI technologies to automatically "
            "detect various road objects and create survey maps, enhancing the efficiency of "
            "road construction projects.",
            "路政署採用地理空間及人工智能技術，自動偵測各類道路物件並製作測量圖，提升道路工程項目的效率。",
        ),
    ),
    # Smart Government
    ExhibitSeed(
        slug="virtual-fire-scene-incident-command-training-system",
        zone="smart-government",
        lead="fsd",
        partners=(),
        technologies=("simulation",),
        title=Text(
            "Virtual Fire Scene Incident Command Training System", "虛擬火場事故指揮訓練系統"
        ),
        summary=Text(
            "A training system that allows firefighters to practise command and "
            "decision-making skills in an immersive experience.",
            "讓消防員在沉浸式體驗中練習指揮及決策技巧的訓練系統。",
        ),
        description=Text(
            "The Fire Services Department's Virtual Fire Scene Incident Command Training "
            "System allows firefighters to practise command and decision-making skills in an "
            "immersive experience.",
            "消防處的虛擬火場事故指揮訓練系統讓消防員在沉浸式體驗中練習指揮及決策技巧。",
        ),
    ),
    ExhibitSeed(
        slug="scenario-based-interactive-multiplayer-simulation-system",
        zone="smart-government",
        lead="hkpf",
        partners=(),
        technologies=("simulation",),
        title=Text(
            "New Generation Scenario-based Interactive Multiplayer Simulation System",
            "新一代情境式互動多人模擬系統",
        ),
        summary=Text(
            "A simulation system that adopts multimedia broadcasting and simulated "
            "communication systems to train officers to respond to various simulated incidents.",
            "採用多媒體廣播及模擬通訊系統的模擬系統，訓練警務人員應對各種模擬事故。",
        ),
        description=Text(
            "The Hong Kong Police Force's New Generation Scenario-based Interactive "
            "Multiplayer Simulation System adopts multimedia broadcasting and simulated "
            "communication systems to train officers to respond to various simulated incidents.",
            "香港警務處的新一代情境式互動多人模擬系統採用多媒體廣播及模擬通訊系統，"
            "訓練警務人員應對各種模擬事故。",
        ),
    ),
    ExhibitSeed(
        slug="hksar-macao-sar-qr-code-clearance",
        zone="smart-government",
        lead="immd",
        partners=(),
        technologies=("qr-code", "smart-mobility"),
        title=Text(
            "Mutual Use of QR Code between HKSAR and Macao SAR Clearance Service",
            "港澳二維碼互通通關服務",
        ),
        summary=Text(
            "A clearance service with mutual use of QR codes between the HKSAR and the Macao "
            "SAR that fosters ease in cross-boundary mobility.",
            "香港特別行政區與澳門特別行政區互通使用二維碼的通關服務，促進跨境往來的便利。",
        ),
        description=Text(
            "The Immigration Department's Mutual Use of QR Code between HKSAR and Macao SAR "
            "Clearance Service fosters ease in cross-boundary mobility.",
            "入境事務處的港澳二維碼互通通關服務，促進跨境往來的便利。",
        ),
    ),
    # Smart Economy
    ExhibitSeed(
        slug="spatial-data-gis-drone-operations",
        zone="smart-economy",
        lead="landsd",
        partners=(),
        technologies=("gis", "low-altitude-economy"),
        title=Text(
            "Spatial Data and GIS for Drone Operations",
            "以空間數據及地理資訊系統支援無人機飛行",
        ),
        summary=Text(
            "Spatial data and the Geographic Information System leveraged to enhance the "
            "safety, efficiency and planning of drone operations, supporting low-altitude "
            "economy development.",
            "善用空間數據及地理資訊系統，提升無人機飛行的安全、效率及規劃，支援低空經濟發展。",
        ),
        description=Text(
            "The Lands Department leverages spatial data and the Geographic Information System "
            "to enhance the safety, efficiency and planning of drone operations, supporting "
            "low-altitude economy development.",
            "地政總署善用空間數據及地理資訊系統，提升無人機飛行的安全、效率及規劃，支援低空經濟發展。",
        ),
    ),
    ExhibitSeed(
        slug="project-information-management-analytics-platform",
        zone="smart-economy",
        lead="ha",
        partners=(),
        technologies=("data-analytics",),
        title=Text(
            "Project Information Management and Analytics Platform", "項目資訊管理及分析平台"
        ),
        summary=Text(
            "An award-winning platform that implements digital project management from "
            "planning to handover stages, thereby expediting the decision-making process.",
            "獲獎的平台，由規劃至移交階段實行數碼化項目管理，從而加快決策過程。",
        ),
        description=Text(
            "The award-winning Hong Kong Housing Authority Project Information Management and "
            "Analytics Platform implements digital project management from planning to "
            "handover stages, thereby expediting the decision-making process.",
            "獲獎的香港房屋委員會項目資訊管理及分析平台，由規劃至移交階段實行數碼化項目管理，"
            "從而加快決策過程。",
        ),
    ),
)

# ---------------------------------------------------------------------------------------
# The two recognitions the release names. HKPC's and the Housing Authority's solutions are
# called "award-winning" without naming the award: none is recorded for them.
# ---------------------------------------------------------------------------------------

RECOGNITIONS: tuple[RecognitionSeed, ...] = (
    RecognitionSeed(
        award="hong-kong-ict-awards",
        exhibit="railway-digital-twin",
        year=2024,
        title=Text("Award of the Year", "年度大獎"),
    ),
    RecognitionSeed(
        award="international-exhibition-of-inventions-geneva",
        exhibit="tumbler-inspection-ball-robot",
        year=2024,
        title=Text("Gold Medal", "金獎"),
    ),
)

# ---------------------------------------------------------------------------------------
# Cover images
# ---------------------------------------------------------------------------------------

COVER_CREDIT = "Generated illustration, Pavilion demo data"
_ZONES_BY_SLUG = {zone.slug: zone for zone in ZONES}


def cover_text(exhibit: ExhibitSeed) -> CoverText:
    """What the exhibit's cover image shows: the same strings are drawn and font-checked."""
    zone = _ZONES_BY_SLUG[exhibit.zone]
    return CoverText(
        zone_line=f"{zone.name.en} · {zone.name.zh_hant}",
        title_en=exhibit.title.en,
        title_zh=exhibit.title.zh_hant,
        footer=f"{EDITION.name.en} · {EDITION.name.zh_hant} · {EDITION.fair_name.en}",
    )


def cover_alt_text(exhibit: ExhibitSeed) -> Text:
    """Honest alternative text: a generated illustration, not a photograph."""
    zone = _ZONES_BY_SLUG[exhibit.zone]
    return Text(
        f'Illustrative cover, not a photograph: the words "{exhibit.title.en}" and '
        f'"{exhibit.title.zh_hant}" in white on a {zone.colour_name.en} background, '
        f"labelled {zone.name.en}.",
        f"示意封面，並非照片：{zone.colour_name.zh_hant}背景上以白色寫着"
        f"「{exhibit.title.en}」和「{exhibit.title.zh_hant}」，並標明{zone.name.zh_hant}展區。",
    )


def all_cover_texts() -> list[CoverText]:
    return [cover_text(exhibit) for exhibit in EXHIBITS]
