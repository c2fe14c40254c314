"""Hand-labelled claim pairs for fact tracking, second set (written for this project by the
engineer who wrote the detectors: read its figures as a regression gate; pairs.py, when
present, is the independent set). Same format and rules as pairs.py (see README.md).

Each side is one sentence as an article would print it, with its outlet and publication
date. ``flag`` is the reason a careful journalist would flag the pair for (or None);
``same`` says whether both state the same claim.
"""

S = dict  # one side: text, source, published (YYYY-MM-DD)
P = dict  # a pair: a, b, flag, same, note

PAIRS = [
    # -- figure conflicts --------------------------------------------------------------
    P(
        a=S(
            text="IDC said worldwide tablet shipments fell 4% in 2023 to 128 million units.",
            source="Chip Ledger",
            published="2024-02-02",
        ),
        b=S(
            text="IDC said worldwide tablet shipments fell 11% in 2023 to 128 million units.",
            source="Pacific Byte",
            published="2024-02-03",
        ),
        flag="figure_conflict",
        same=False,
        note="same speaker, metric, year",
    ),
    P(
        a=S(
            text="Omdia estimates that 38% of new data centres in Asia will use liquid cooling by 2027.",
            source="Rack Report",
            published="2024-06-10",
        ),
        b=S(
            text="Omdia estimates that 52% of new data centres in Asia will use liquid cooling by 2027.",
            source="Server Side",
            published="2024-06-12",
        ),
        flag="figure_conflict",
        same=False,
        note="same forecast, two numbers",
    ),
    P(
        a=S(
            text="The start-up said it raised US$120 million in its Series B round, led by Sequoia.",
            source="Venture Wire",
            published="2024-09-03",
        ),
        b=S(
            text="The start-up said it raised US$210 million in its Series B round, led by Sequoia.",
            source="Deal Street",
            published="2024-09-03",
        ),
        flag=None,
        same=False,
        note="'the start-up' names no one: no shared speaker, not flagged by the rules",
    ),
    P(
        a=S(
            text="Kestrel Security said the breach exposed the records of 1.4 million customers.",
            source="Cyber Daily",
            published="2024-11-20",
        ),
        b=S(
            text="Kestrel Security said the breach exposed the records of 4.1 million customers.",
            source="Net Defender",
            published="2024-11-21",
        ),
        flag="figure_conflict",
        same=False,
        note="digits swapped",
    ),
    P(
        a=S(
            text="Northvolt said the plant would produce 16 GWh of battery cells a year when complete.",
            source="Grid Watch",
            published="2024-03-14",
        ),
        b=S(
            text="Northvolt said the plant would produce 60 GWh of battery cells a year when complete.",
            source="Volt Times",
            published="2024-03-15",
        ),
        flag="figure_conflict",
        same=False,
        note="GWh",
    ),
    P(
        a=S(
            text="Meranti Data Centres says its Johor campus will draw 300 MW once fully built.",
            source="Rack Report",
            published="2025-01-08",
        ),
        b=S(
            text="Meranti Data Centres says its Johor campus will draw 150 MW once fully built.",
            source="Server Side",
            published="2025-01-09",
        ),
        flag="figure_conflict",
        same=False,
        note="MW",
    ),
    P(
        a=S(
            text="Samsung said its operating profit rose 15% in the fourth quarter.",
            source="Chip Ledger",
            published="2025-01-31",
        ),
        b=S(
            text="Samsung said its operating profit rose 51% in the fourth quarter.",
            source="Seoul Tech",
            published="2025-01-31",
        ),
        flag="figure_conflict",
        same=False,
        note="same day, transposed digits",
    ),
    P(
        a=S(
            text="Canalys said PC shipments grew 3.8% in the third quarter of 2024.",
            source="Pacific Byte",
            published="2024-10-10",
        ),
        b=S(
            text="Canalys said PC shipments grew 1.3% in the third quarter of 2024.",
            source="Desk Top",
            published="2024-10-11",
        ),
        flag="figure_conflict",
        same=False,
        note="decimals",
    ),
    P(
        a=S(
            text="Velmora Semiconductor said it would spend €2bn on the new fab in Dresden.",
            source="Euro Chips",
            published="2024-05-02",
        ),
        b=S(
            text="Velmora Semiconductor said it would spend €5bn on the new fab in Dresden.",
            source="Fab Watch",
            published="2024-05-03",
        ),
        flag="figure_conflict",
        same=False,
        note="euro, bn",
    ),
    P(
        a=S(
            text="Stratocloud said the outage lasted 14 hours and affected customers in Frankfurt.",
            source="Cloud Beat",
            published="2025-02-11",
        ),
        b=S(
            text="Stratocloud said the outage lasted four hours and affected customers in Frankfurt.",
            source="Ops Weekly",
            published="2025-02-12",
        ),
        flag="figure_conflict",
        same=False,
        note="duration, digits vs words",
    ),
    P(
        a=S(
            text="Orbis Research says 22% of smartphones sold in India in 2024 supported on-device AI.",
            source="Mobile Mint",
            published="2025-02-20",
        ),
        b=S(
            text="Orbis Research says 12% of smartphones sold in India in 2024 supported on-device AI.",
            source="Handset Hub",
            published="2025-02-21",
        ),
        flag="figure_conflict",
        same=False,
        note="percent",
    ),
    P(
        a=S(text="TSMC said it expects revenue to grow about 25% in 2025.", source="Fab Watch", published="2025-01-16"),
        b=S(
            text="TSMC said it expects revenue to grow about 15% in 2025.", source="Chip Ledger", published="2025-01-17"
        ),
        flag="figure_conflict",
        same=False,
        note="both approximate, still far apart",
    ),
    P(
        a=S(
            text="Brightwater Securities estimates that the AI server market will be worth $180 billion in 2026.",
            source="Deal Street",
            published="2025-03-01",
        ),
        b=S(
            text="Brightwater Securities estimates that the AI server market will be worth $310 billion in 2026.",
            source="Server Side",
            published="2025-03-02",
        ),
        flag="figure_conflict",
        same=False,
        note="money",
    ),
    P(
        a=S(
            text="Singapore's regulator said data centres must run at a PUE of 1.3 or lower, with inlet temperatures of 26°C.",
            source="Rack Report",
            published="2024-08-01",
        ),
        b=S(
            text="Singapore's regulator said data centres must run at a PUE of 1.3 or lower, with inlet temperatures of 22°C.",
            source="Green Bytes",
            published="2024-08-02",
        ),
        flag="figure_conflict",
        same=False,
        note="temperature",
    ),
    P(
        a=S(
            text="Vantor Cells said its new battery charges to 80% in 12 minutes.",
            source="Volt Times",
            published="2024-12-05",
        ),
        b=S(
            text="Vantor Cells said its new battery charges to 80% in 21 minutes.",
            source="EV Pulse",
            published="2024-12-05",
        ),
        flag="figure_conflict",
        same=False,
        note="minutes",
    ),
    # -- revisions ---------------------------------------------------------------------
    P(
        a=S(
            text="Gartner forecast in January that worldwide IT spending would grow 6.8% in 2024.",
            source="Chip Ledger",
            published="2024-01-17",
        ),
        b=S(
            text="Gartner now forecasts that worldwide IT spending will grow 8% in 2024.",
            source="Chip Ledger",
            published="2024-07-16",
        ),
        flag="revision",
        same=False,
        note="same speaker, six months later",
    ),
    P(
        a=S(
            text="Meta said it expects capital expenditure of $30 billion to $35 billion in 2024.",
            source="Deal Street",
            published="2024-02-02",
        ),
        b=S(
            text="Meta said it expects capital expenditure of $38 billion to $40 billion in 2024.",
            source="Deal Street",
            published="2024-10-31",
        ),
        flag="revision",
        same=False,
        note="guidance raised",
    ),
    P(
        a=S(
            text="IDC expects AI spending to reach $300 billion in 2026, the firm said.",
            source="Server Side",
            published="2023-03-01",
        ),
        b=S(
            text="IDC expects AI spending to reach $337 billion in 2026, the firm said.",
            source="Server Side",
            published="2024-09-20",
        ),
        flag="revision",
        same=False,
        note="updated forecast, 18 months later",
    ),
    P(
        a=S(text="Intel said the Ohio fab would start production in 2025.", source="Fab Watch", published="2022-01-21"),
        b=S(text="Intel said the Ohio fab would start production in 2030.", source="Fab Watch", published="2025-03-01"),
        flag="revision",
        same=False,
        note="a delay: the same speaker's date for the same thing, three years later",
    ),
    P(
        a=S(
            text="Counterpoint Research expects foldable shipments to grow 40% in 2024.",
            source="Handset Hub",
            published="2023-12-12",
        ),
        b=S(
            text="Counterpoint Research expects foldable shipments to grow 25% in 2024.",
            source="Mobile Mint",
            published="2024-06-18",
        ),
        flag="revision",
        same=False,
        note="cut forecast",
    ),
    P(
        a=S(
            text="Micron said it expects revenue of $8.7 billion in the fiscal first quarter of 2025.",
            source="Chip Ledger",
            published="2024-09-25",
        ),
        b=S(
            text="Micron said it expects revenue of $7.9 billion in the fiscal first quarter of 2025.",
            source="Chip Ledger",
            published="2024-12-18",
        ),
        flag="revision",
        same=False,
        note="guidance cut, later",
    ),
    # -- polarity ----------------------------------------------------------------------
    P(
        a=S(
            text="Apple said the feature will launch in the European Union this year.",
            source="Handset Hub",
            published="2024-06-20",
        ),
        b=S(
            text="Apple said the feature will not launch in the European Union this year.",
            source="Mobile Mint",
            published="2024-06-21",
        ),
        flag="polarity",
        same=False,
        note="negation",
    ),
    P(
        a=S(
            text="Nvidia said demand for its Blackwell chips has slowed.", source="Chip Ledger", published="2025-02-27"
        ),
        b=S(
            text="Nvidia said demand for its Blackwell chips has not slowed.",
            source="Server Side",
            published="2025-02-27",
        ),
        flag="polarity",
        same=False,
        note="negation",
    ),
    P(
        a=S(
            text="Canalys said smartphone shipments in China rose in the first quarter.",
            source="Pacific Byte",
            published="2024-04-20",
        ),
        b=S(
            text="Canalys said smartphone shipments in China fell in the first quarter.",
            source="Handset Hub",
            published="2024-04-21",
        ),
        flag="polarity",
        same=False,
        note="opposite verbs",
    ),
    P(
        a=S(
            text="Stratocloud said customer data was accessed during the incident.",
            source="Cyber Daily",
            published="2025-02-12",
        ),
        b=S(
            text="Stratocloud said no customer data was accessed during the incident.",
            source="Cloud Beat",
            published="2025-02-12",
        ),
        flag="polarity",
        same=False,
        note="'no' negation",
    ),
    P(
        a=S(
            text="OpenAI said the model was trained on data from the company's own users.",
            source="Byte Line",
            published="2024-11-05",
        ),
        b=S(
            text="OpenAI said the model was never trained on data from the company's own users.",
            source="AI Desk",
            published="2024-11-06",
        ),
        flag="polarity",
        same=False,
        note="never",
    ),
    P(
        a=S(
            text="Samsung said memory prices increased in the fourth quarter.",
            source="Seoul Tech",
            published="2025-01-08",
        ),
        b=S(
            text="Samsung said memory prices decreased in the fourth quarter.",
            source="Chip Ledger",
            published="2025-01-09",
        ),
        flag="polarity",
        same=False,
        note="increase/decrease",
    ),
    P(
        a=S(
            text="The EU AI Office said the rules apply to open-source models.",
            source="Policy Wire",
            published="2025-02-03",
        ),
        b=S(
            text="The EU AI Office said the rules may not apply to open-source models.",
            source="Euro Chips",
            published="2025-02-04",
        ),
        flag=None,
        same=False,
        note="hedged: 'may not' is not a denial",
    ),
    P(
        a=S(
            text="Musk said AI developers have run out of human-written training data.",
            source="Byte Line",
            published="2025-01-09",
        ),
        b=S(
            text="Musk said AI developers could soon run out of human-written training data.",
            source="AI Desk",
            published="2025-01-10",
        ),
        flag=None,
        same=False,
        note="hedged prediction vs assertion",
    ),
    P(
        a=S(text="Arm said it will build its own server chips.", source="Chip Ledger", published="2025-02-13"),
        b=S(text="Arm said it will not build its own server chips.", source="Fab Watch", published="2025-02-14"),
        flag="polarity",
        same=False,
        note="negation",
    ),
    # -- the same claim ------------------------------------------------------------------
    P(
        a=S(
            text="Canalys said global smartphone shipments rose 7% in 2024 to 1.22 billion units.",
            source="Pacific Byte",
            published="2025-01-16",
        ),
        b=S(
            text="Worldwide smartphone shipments grew 7% last year to about 1.22 billion units, according to Canalys.",
            source="Handset Hub",
            published="2025-01-17",
        ),
        flag=None,
        same=True,
        note="paraphrase, 'last year' = 2024",
    ),
    P(
        a=S(
            text="Gartner estimates that 60% of the data used for AI projects in 2024 will be synthetic.",
            source="AI Desk",
            published="2023-08-01",
        ),
        b=S(
            text="By 2024, 60% of the data used to develop AI projects will be synthetically generated, Gartner estimates.",
            source="Byte Line",
            published="2023-08-03",
        ),
        flag=None,
        same=True,
        note="paraphrase",
    ),
    P(
        a=S(
            text="Writer says its Palmyra X 004 model cost US$700,000 to train.",
            source="AI Desk",
            published="2025-01-09",
        ),
        b=S(
            text="Training Palmyra X 004 cost Writer about $700K, the company says.",
            source="Byte Line",
            published="2025-01-10",
        ),
        flag=None,
        same=True,
        note="$700K = US$700,000",
    ),
    P(
        a=S(
            text="Kestrel Security said the attackers stole 4.6 million records.",
            source="Cyber Daily",
            published="2024-11-20",
        ),
        b=S(
            text="Some 4.6 million records were stolen by the attackers, Kestrel Security said.",
            source="Net Defender",
            published="2024-11-20",
        ),
        flag=None,
        same=True,
        note="passive paraphrase",
    ),
    P(
        a=S(
            text="Nvidia said the RTX 5090 will cost $1,999 when it goes on sale on 30 January.",
            source="Desk Top",
            published="2025-01-07",
        ),
        b=S(
            text="The RTX 5090 will sell for US$1,999 from 30 January, Nvidia said.",
            source="Pacific Byte",
            published="2025-01-07",
        ),
        flag=None,
        same=True,
        note="US$ vs $",
    ),
    P(
        a=S(
            text="Jensen Huang said Blackwell chips were in full production.",
            source="Server Side",
            published="2025-01-07",
        ),
        b=S(
            text="Blackwell is now in full production, Nvidia chief executive Jensen Huang said.",
            source="Chip Ledger",
            published="2025-01-07",
        ),
        flag=None,
        same=True,
        note="reworded",
    ),
    P(
        a=S(
            text="The EU said companies can be fined up to 7% of global turnover for banned AI uses.",
            source="Policy Wire",
            published="2025-02-02",
        ),
        b=S(
            text="Fines for prohibited AI practices can reach 7% of a company's worldwide annual turnover, the EU said.",
            source="Euro Chips",
            published="2025-02-03",
        ),
        flag=None,
        same=True,
        note="paraphrase",
    ),
    P(
        a=S(
            text="Meta said it would end 2025 with more than 1.3 million GPUs.",
            source="Server Side",
            published="2025-01-24",
        ),
        b=S(
            text="Meta expects to have over 1.3 million GPUs by the end of 2025, the company said.",
            source="AI Desk",
            published="2025-01-25",
        ),
        flag=None,
        same=True,
        note="more than = over",
    ),
    P(
        a=S(text="Intel said it would cut about 15% of its workforce.", source="Chip Ledger", published="2024-08-02"),
        b=S(
            text="Intel plans to lay off roughly 15% of its employees, the company said.",
            source="Fab Watch",
            published="2024-08-02",
        ),
        flag=None,
        same=True,
        note="about = roughly",
    ),
    P(
        a=S(
            text="Microsoft said it would spend $80 billion on AI data centres in fiscal 2025.",
            source="Cloud Beat",
            published="2025-01-04",
        ),
        b=S(
            text="Microsoft plans to invest about $80 billion in AI-enabled data centres in its 2025 fiscal year, the company said.",
            source="Server Side",
            published="2025-01-05",
        ),
        flag=None,
        same=True,
        note="paraphrase with 'about'",
    ),
    # -- look-alikes that are not conflicts -----------------------------------------------
    P(
        a=S(text="Canalys said smartphone shipments rose 7% in 2024.", source="Pacific Byte", published="2025-01-16"),
        b=S(text="IDC said smartphone shipments rose 6.4% in 2024.", source="Handset Hub", published="2025-01-14"),
        flag=None,
        same=False,
        note="different research firms",
    ),
    P(
        a=S(
            text="Gartner said PC shipments fell 2.4% in the first quarter of 2024.",
            source="Desk Top",
            published="2024-04-10",
        ),
        b=S(
            text="Gartner said PC shipments rose 0.7% in the fourth quarter of 2024.",
            source="Desk Top",
            published="2025-01-15",
        ),
        flag=None,
        same=False,
        note="different quarters",
    ),
    P(
        a=S(text="Samsung said smartphone revenue rose 12% in 2023.", source="Seoul Tech", published="2024-01-31"),
        b=S(text="Samsung said smartphone revenue rose 9% in 2024.", source="Seoul Tech", published="2025-01-31"),
        flag=None,
        same=False,
        note="different years",
    ),
    P(
        a=S(
            text="Data centres used 21% of Ireland's electricity in 2023, the Central Statistics Office said.",
            source="Grid Watch",
            published="2024-07-23",
        ),
        b=S(
            text="Data centres used 4.4% of US electricity in 2023, the Department of Energy said.",
            source="Green Bytes",
            published="2024-12-20",
        ),
        flag=None,
        same=False,
        note="different countries and speakers",
    ),
    P(
        a=S(text="Nvidia said the RTX 5090 will cost $1,999.", source="Desk Top", published="2025-01-07"),
        b=S(text="Nvidia said the RTX 5080 will cost $999.", source="Desk Top", published="2025-01-07"),
        flag=None,
        same=False,
        note="different products",
    ),
    P(
        a=S(text="Apple said the iPhone 16e costs $599 in the US.", source="Handset Hub", published="2025-02-19"),
        b=S(text="Apple said the iPhone 16e costs £599 in the UK.", source="Mobile Mint", published="2025-02-19"),
        flag=None,
        same=False,
        note="different currencies and markets",
    ),
    P(
        a=S(text="TSMC said revenue rose 34% in the fourth quarter.", source="Fab Watch", published="2025-01-16"),
        b=S(text="TSMC said net profit rose 57% in the fourth quarter.", source="Fab Watch", published="2025-01-16"),
        flag=None,
        same=False,
        note="different metrics",
    ),
    P(
        a=S(
            text="Omdia said cooling spending rose between 20% and 30% in 2024.",
            source="Rack Report",
            published="2025-01-20",
        ),
        b=S(text="Omdia said cooling spending rose 25% in 2024.", source="Green Bytes", published="2025-01-21"),
        flag=None,
        same=False,
        note="range contains the value",
    ),
    P(
        a=S(
            text="Canalys said tablet shipments grew more than 3% in 2024.",
            source="Pacific Byte",
            published="2025-01-30",
        ),
        b=S(text="Canalys said tablet shipments grew 9% in 2024.", source="Handset Hub", published="2025-01-31"),
        flag=None,
        same=False,
        note="'more than 3%' allows 9%",
    ),
    P(
        a=S(
            text="The regulator said the fine could reach up to 10% of turnover.",
            source="Policy Wire",
            published="2024-10-01",
        ),
        b=S(
            text="The regulator said the fine could reach 6% of turnover.", source="Euro Chips", published="2024-10-01"
        ),
        flag=None,
        same=False,
        note="'up to 10%' allows 6%; hedged",
    ),
    P(
        a=S(text="Writer said the model cost US$4.6 million to train.", source="AI Desk", published="2025-01-09"),
        b=S(text="Writer said the model cost $4,600,000 to train.", source="Byte Line", published="2025-01-10"),
        flag=None,
        same=True,
        note="same value written two ways",
    ),
    P(
        a=S(text="Gartner said about 60% of companies have an AI policy.", source="Byte Line", published="2024-09-01"),
        b=S(text="Gartner said 61% of companies have an AI policy.", source="AI Desk", published="2024-09-02"),
        flag=None,
        same=True,
        note="'about 60%' covers 61%",
    ),
    P(
        a=S(
            text="Canalys said shipments reached 1.22 billion units in 2024.",
            source="Pacific Byte",
            published="2025-01-16",
        ),
        b=S(
            text="Canalys said shipments reached 1.2 billion units in 2024.",
            source="Handset Hub",
            published="2025-01-17",
        ),
        flag=None,
        same=True,
        note="rounding",
    ),
    P(
        a=S(text="Huang said Nvidia's revenue doubled in the quarter.", source="Server Side", published="2024-08-29"),
        b=S(
            text="Huang said the new chip was twice as fast as its predecessor.",
            source="Chip Ledger",
            published="2024-08-29",
        ),
        flag=None,
        same=False,
        note="both 'two times', different things",
    ),
    P(
        a=S(text="Microsoft said Azure revenue grew 31% in the quarter.", source="Cloud Beat", published="2025-01-30"),
        b=S(text="Google said cloud revenue grew 30% in the quarter.", source="Cloud Beat", published="2025-02-05"),
        flag=None,
        same=False,
        note="different companies",
    ),
    P(
        a=S(
            text="Meta said Llama models had been downloaded 650 million times.",
            source="AI Desk",
            published="2024-12-09",
        ),
        b=S(
            text="Meta said its AI assistant has 700 million monthly users.", source="Byte Line", published="2024-12-10"
        ),
        flag=None,
        same=False,
        note="different metrics, same speaker",
    ),
    P(
        a=S(
            text="Stratocloud said the outage began at 09:40 and lasted three hours.",
            source="Ops Weekly",
            published="2025-02-11",
        ),
        b=S(
            text="Stratocloud said it would credit affected customers with three days of service.",
            source="Cloud Beat",
            published="2025-02-12",
        ),
        flag=None,
        same=False,
        note="three hours vs three days, different things",
    ),
    P(
        a=S(
            text="AMD said data-centre revenue rose 69% in the fourth quarter.",
            source="Chip Ledger",
            published="2025-02-04",
        ),
        b=S(text="AMD said gaming revenue fell 59% in the fourth quarter.", source="Desk Top", published="2025-02-04"),
        flag=None,
        same=False,
        note="different segments, opposite verbs",
    ),
    P(
        a=S(text="Apple said services revenue rose in the quarter.", source="Handset Hub", published="2025-01-30"),
        b=S(text="Apple said revenue from China fell in the quarter.", source="Mobile Mint", published="2025-01-30"),
        flag=None,
        same=False,
        note="different metrics, opposite verbs",
    ),
    P(
        a=S(
            text="The startup said it plans to hire 200 engineers in Singapore.",
            source="Venture Wire",
            published="2024-05-05",
        ),
        b=S(
            text="The startup said it plans to hire 200 engineers in Bangalore.",
            source="Deal Street",
            published="2024-05-06",
        ),
        flag=None,
        same=False,
        note="different places, unnamed speaker",
    ),
    P(
        a=S(text="Samsung said it would not comment on the report.", source="Seoul Tech", published="2024-09-01"),
        b=S(
            text="Samsung said it would comment on the report after the market closes.",
            source="Chip Ledger",
            published="2024-09-01",
        ),
        flag=None,
        same=False,
        note="procedural, low stakes; a journalist would not flag",
    ),
    P(
        a=S(text="Sutskever said pre-training as we know it will end.", source="AI Desk", published="2024-12-14"),
        b=S(text="Sutskever said the field had reached peak data.", source="Byte Line", published="2024-12-14"),
        flag=None,
        same=False,
        note="two different claims by one speaker",
    ),
]

FORECASTS = [
    dict(
        text="IDC expects AI spending to reach $300 billion by 2026.",
        published="2023-05-01",
        today="2027-02-01",
        due=True,
    ),
    dict(
        text="IDC expects AI spending to reach $300 billion by 2026.",
        published="2023-05-01",
        today="2026-06-01",
        due=False,
    ),
    dict(
        text="Gartner predicts that by 2025, 30% of enterprises will have an AI policy.",
        published="2023-09-01",
        today="2026-11-24",
        due=True,
    ),
    dict(
        text="Canalys said smartphone shipments rose 7% in 2024.", published="2025-01-16", today="2026-11-24", due=False
    ),
    dict(
        text="The company will open its first European factory in 2028, it said.",
        published="2024-03-01",
        today="2026-11-24",
        due=False,
    ),
    dict(
        text="Intel said production at the Ohio site would begin in 2025.",
        published="2022-01-21",
        today="2026-11-24",
        due=True,
    ),
    dict(
        text="Meta plans to spend between $60 billion and $65 billion on capital projects in 2025.",
        published="2025-01-24",
        today="2026-11-24",
        due=True,
    ),
    dict(
        text="The EU wants to double its share of global chip production to 20% by 2030.",
        published="2023-07-01",
        today="2026-11-24",
        due=False,
    ),
    dict(
        text="Shipments fell in 2023, the second annual decline in a row, Gartner said.",
        published="2024-01-10",
        today="2026-11-24",
        due=False,
    ),
    dict(
        text="Analysts expect the market to grow about 3% in 2026.",
        published="2025-12-01",
        today="2026-11-24",
        due=False,
    ),
]
