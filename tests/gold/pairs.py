"""Hand-labelled claim pairs for fact tracking, written independently of the detectors'
author (issue 4). Every sentence was written fresh for this project; none is copied from
the web, /work/shared/, data/sample_site/ or the other gold files. Labels were set by hand,
as a careful journalist would, without running kb/contradict.py.

Each side is one sentence as an article would print it, with its outlet and publication
date. Labelling rules:

- ``flag`` is the ONE reason to flag the pair, or None:
  - "figure_conflict": the same speaker (or the same stated subject), the same metric and
    time reference, values that cannot both be true after normalisation (60% vs 75%).
    Not a conflict: 60% / 0.6 / "three in five"; US$4.6 million / $4,600,000; "about 60%"
    / 61%; a range containing the value; compatible bounds ("more than 3%" / 17%).
  - "revision": the same speaker giving a different figure for the same metric and time
    reference at least about two months later (raised guidance, an updated forecast).
  - "polarity": one claim denies the other, by negation or by the opposite verb (rose /
    fell), same speaker, same thing and period. A hedge ("may not", "could") against a
    firm statement is None.
  - None: everything else (different speakers, metrics, years, regions, products;
    quarterly vs annual; same topic, different facts).
- ``same`` is True when both sentences state the same claim (paraphrase, the same figure
  reported by two outlets); a conflicting pair is never the same claim.

FORECASTS are single claims for the forecast-due check: ``due`` is True when the claim is
a prediction whose target year has passed by ``today``; past-tense facts about past years
are not forecasts.
"""

S = dict  # one side: text, source (outlet name), published (YYYY-MM-DD)
P = dict  # a pair: a, b, flag, same, note

PAIRS = [
    # -- figure conflicts ---------------------------------------------------------------
    P(
        a=S(
            text="Gartner estimates that 60% of the data used for AI projects in 2024 will be synthetic.",
            source="Byte Beacon",
            published="2024-03-02",
        ),
        b=S(
            text="Gartner has forecast that 75% of the data used for AI projects in 2024 will be synthetic.",
            source="Data Dispatch",
            published="2024-03-05",
        ),
        flag="figure_conflict",
        same=False,
        note="same speaker, metric, year; 60 vs 75",
    ),
    P(
        a=S(
            text="Counterpoint Research said foldable smartphone shipments in China grew 18% in the second quarter of 2025.",
            source="Handset Daily",
            published="2025-08-04",
        ),
        b=S(
            text="Counterpoint Research said foldable smartphone shipments in China grew 31% in the second quarter of 2025.",
            source="Mobile Ledger",
            published="2025-08-05",
        ),
        flag="figure_conflict",
        same=False,
        note="percent, same quarter and region",
    ),
    P(
        a=S(
            text="Vantara Cloud said it raised US$700K in a pre-seed round led by Antler.",
            source="Startup Signal",
            published="2025-02-11",
        ),
        b=S(
            text="Vantara Cloud said it raised US$1.7 million in a pre-seed round led by Antler.",
            source="Deal Street",
            published="2025-02-11",
        ),
        flag="figure_conflict",
        same=False,
        note="$700K vs US$1.7m; same day",
    ),
    P(
        a=S(
            text="The European Commission said the fine against the chipmaker amounted to €2bn.",
            source="Policy Wire",
            published="2025-05-20",
        ),
        b=S(
            text="The European Commission said the fine against the chipmaker amounted to €200 million.",
            source="Brussels Tech",
            published="2025-05-20",
        ),
        flag="figure_conflict",
        same=False,
        note="EUR scale 2bn vs 200m",
    ),
    P(
        a=S(
            text="Singapore's Energy Market Authority said data centres consumed 7.1 TWh of electricity in 2024.",
            source="Grid Watch",
            published="2025-04-02",
        ),
        b=S(
            text="Singapore's Energy Market Authority said data centres consumed 9.4 TWh of electricity in 2024.",
            source="Asia Power Tech",
            published="2025-04-03",
        ),
        flag="figure_conflict",
        same=False,
        note="TWh",
    ),
    P(
        a=S(
            text="Equinix said its new Osaka campus will have 48 MW of IT capacity when complete.",
            source="Rack Report",
            published="2025-06-17",
        ),
        b=S(
            text="Equinix said its new Osaka campus will have 84 MW of IT capacity when complete.",
            source="Server Side",
            published="2025-06-18",
        ),
        flag="figure_conflict",
        same=False,
        note="MW, digits swapped",
    ),
    P(
        a=S(
            text="Samsung said it would cut 4,000 jobs at its display unit this year.",
            source="Seoul Tech Post",
            published="2025-03-12",
        ),
        b=S(
            text="Samsung said it would cut 1,400 jobs at its display unit this year.",
            source="Chip Ledger",
            published="2025-03-12",
        ),
        flag="figure_conflict",
        same=False,
        note="count",
    ),
    P(
        a=S(
            text="Copernicus said global average temperature in 2024 was 1.6°C above pre-industrial levels.",
            source="Climate Tech Review",
            published="2025-01-10",
        ),
        b=S(
            text="Copernicus said global average temperature in 2024 was 1.2°C above pre-industrial levels.",
            source="Energy Monitor Asia",
            published="2025-01-11",
        ),
        flag="figure_conflict",
        same=False,
        note="°C",
    ),
    P(
        a=S(
            text="TSMC said it expects capital spending of between $38 billion and $42 billion in 2025.",
            source="Chip Ledger",
            published="2025-01-16",
        ),
        b=S(
            text="TSMC said it expects capital spending of between $28 billion and $32 billion in 2025.",
            source="Fab Times",
            published="2025-01-17",
        ),
        flag="figure_conflict",
        same=False,
        note="disjoint ranges, same day-ish",
    ),
    P(
        a=S(
            text="IDC said worldwide PC shipments rose 1.8% in the fourth quarter of 2024.",
            source="Desk Report",
            published="2025-01-14",
        ),
        b=S(
            text="IDC said worldwide PC shipments rose 8.1% in the fourth quarter of 2024.",
            source="Desk Report",
            published="2025-01-14",
        ),
        flag="figure_conflict",
        same=False,
        note="same outlet, same day, digits swapped",
    ),
    P(
        a=S(
            text="Nvidia said data centre revenue reached $35.6 billion in the quarter ended in January.",
            source="Silicon Street",
            published="2025-02-27",
        ),
        b=S(
            text="Nvidia said data centre revenue reached $53.6 billion in the quarter ended in January.",
            source="Market Chip",
            published="2025-02-27",
        ),
        flag="figure_conflict",
        same=False,
        note="money",
    ),
    P(
        a=S(
            text="Grab said it had 42 million monthly transacting users at the end of 2024.",
            source="Asia Startup Wire",
            published="2025-02-20",
        ),
        b=S(
            text="Grab said it had 24 million monthly transacting users at the end of 2024.",
            source="Ride Tech",
            published="2025-02-21",
        ),
        flag="figure_conflict",
        same=False,
        note="count",
    ),
    P(
        a=S(
            text="Canalys said Apple held a 23% share of the global smartphone market in 2024.",
            source="Mobile Ledger",
            published="2025-01-20",
        ),
        b=S(
            text="Canalys said Apple held a 32% share of the global smartphone market in 2024.",
            source="Handset Daily",
            published="2025-01-21",
        ),
        flag="figure_conflict",
        same=False,
        note="share",
    ),
    P(
        a=S(
            text="Australia's eSafety Commissioner said the platform was fined A$610,500 for failing to answer questions.",
            source="Down Under Digital",
            published="2024-10-03",
        ),
        b=S(
            text="Australia's eSafety Commissioner said the platform was fined A$6.1 million for failing to answer questions.",
            source="Policy Wire",
            published="2024-10-04",
        ),
        flag="figure_conflict",
        same=False,
        note="AUD scale",
    ),
    P(
        a=S(
            text="Microsoft said it will spend $80 billion on AI-enabled data centres in fiscal 2025.",
            source="Cloud Brief",
            published="2025-01-04",
        ),
        b=S(
            text="Microsoft said it will spend $50 billion on AI-enabled data centres in fiscal 2025.",
            source="Silicon Street",
            published="2025-01-05",
        ),
        flag="figure_conflict",
        same=False,
        note="money, same fiscal year",
    ),
    P(
        a=S(
            text="The International Energy Agency said data centres used about 415 TWh of electricity worldwide in 2024.",
            source="Grid Watch",
            published="2025-04-11",
        ),
        b=S(
            text="The International Energy Agency said data centres used about 240 TWh of electricity worldwide in 2024.",
            source="Energy Monitor Asia",
            published="2025-04-11",
        ),
        flag="figure_conflict",
        same=False,
        note="'about' both sides, far apart",
    ),
    P(
        a=S(
            text="SK Hynix said HBM accounted for more than 40% of its DRAM revenue in the fourth quarter.",
            source="Seoul Tech Post",
            published="2025-01-23",
        ),
        b=S(
            text="SK Hynix said HBM accounted for 25% of its DRAM revenue in the fourth quarter.",
            source="Memory Matters",
            published="2025-01-24",
        ),
        flag="figure_conflict",
        same=False,
        note="bound 'more than 40%' excludes 25%",
    ),
    P(
        a=S(
            text="Infineon said the Kulim fab will employ up to 900 people.", source="Fab Times", published="2024-08-09"
        ),
        b=S(
            text="Infineon said the Kulim fab will employ 2,500 people.", source="Malaysia Tech", published="2024-08-09"
        ),
        flag="figure_conflict",
        same=False,
        note="'up to 900' excludes 2,500",
    ),
    P(
        a=S(text="OpenAI said ChatGPT has 400 million weekly active users.", source="AI Wire", published="2025-02-21"),
        b=S(
            text="OpenAI said ChatGPT has 300 million weekly active users.",
            source="Model Watch",
            published="2025-02-21",
        ),
        flag="figure_conflict",
        same=False,
        note="same day, count",
    ),
    P(
        a=S(
            text="The Ministry of Economy, Trade and Industry said it will give Rapidus ¥590 billion in subsidies for fiscal 2024.",
            source="Tokyo Tech Journal",
            published="2024-04-03",
        ),
        b=S(
            text="The Ministry of Economy, Trade and Industry said it will give Rapidus ¥950 billion in subsidies for fiscal 2024.",
            source="Fab Times",
            published="2024-04-03",
        ),
        flag="figure_conflict",
        same=False,
        note="JPY",
    ),
    P(
        a=S(
            text="Sea Limited said Shopee's gross merchandise value rose 28% in the third quarter.",
            source="Asia Startup Wire",
            published="2024-11-12",
        ),
        b=S(
            text="Sea Limited said Shopee's gross merchandise value rose 12% in the third quarter.",
            source="Commerce Asia",
            published="2024-11-12",
        ),
        flag="figure_conflict",
        same=False,
        note="percent",
    ),
    P(
        a=S(
            text="Tesla said its Megapack factory in Shanghai will make 10,000 units a year.",
            source="Volt Times",
            published="2024-05-23",
        ),
        b=S(
            text="Tesla said its Megapack factory in Shanghai will make 40,000 units a year.",
            source="Grid Watch",
            published="2024-05-24",
        ),
        flag="figure_conflict",
        same=False,
        note="count per year",
    ),
    P(
        a=S(
            text="According to Synergy Research Group, AWS held 30% of the cloud infrastructure market in the first quarter of 2025.",
            source="Cloud Brief",
            published="2025-05-02",
        ),
        b=S(
            text="According to Synergy Research Group, AWS held 39% of the cloud infrastructure market in the first quarter of 2025.",
            source="Server Side",
            published="2025-05-03",
        ),
        flag="figure_conflict",
        same=False,
        note="share",
    ),
    P(
        a=S(
            text="Foxconn said it will invest US$250 million in a new plant in Vietnam.",
            source="Supply Chain Asia",
            published="2024-09-18",
        ),
        b=S(
            text="Foxconn said it will invest US$550 million in a new plant in Vietnam.",
            source="Vietnam Digital",
            published="2024-09-18",
        ),
        flag="figure_conflict",
        same=False,
        note="money",
    ),
    P(
        a=S(
            text="India's telecom ministry said the country had 250 million 5G subscribers at the end of March 2025.",
            source="Delhi Digital",
            published="2025-04-15",
        ),
        b=S(
            text="India's telecom ministry said the country had 150 million 5G subscribers at the end of March 2025.",
            source="Spectrum Times",
            published="2025-04-16",
        ),
        flag="figure_conflict",
        same=False,
        note="count",
    ),
    P(
        a=S(
            text="Anthropic said the funding round valued the company at $61.5 billion.",
            source="AI Wire",
            published="2025-03-04",
        ),
        b=S(
            text="Anthropic said the funding round valued the company at $16.5 billion.",
            source="Venture Wire",
            published="2025-03-04",
        ),
        flag="figure_conflict",
        same=False,
        note="valuation",
    ),
    P(
        a=S(
            text="Xiaomi said it delivered 135,000 electric vehicles in 2024.", source="EV Asia", published="2025-01-02"
        ),
        b=S(
            text="Xiaomi said it delivered 85,000 electric vehicles in 2024.",
            source="Handset Daily",
            published="2025-01-03",
        ),
        flag="figure_conflict",
        same=False,
        note="count",
    ),
    P(
        a=S(
            text="Google said its data centres' power usage effectiveness averaged 1.09 in 2024.",
            source="Rack Report",
            published="2025-07-01",
        ),
        b=S(
            text="Google said its data centres' power usage effectiveness averaged 1.19 in 2024.",
            source="Grid Watch",
            published="2025-07-02",
        ),
        flag="figure_conflict",
        same=False,
        note="ratio",
    ),
    P(
        a=S(
            text="Intel said it would lay off about 15% of its workforce.", source="Chip Ledger", published="2024-08-01"
        ),
        b=S(
            text="Intel said it would lay off about 25% of its workforce.",
            source="Silicon Street",
            published="2024-08-02",
        ),
        flag="figure_conflict",
        same=False,
        note="'about' does not bridge 15 and 25",
    ),
    P(
        a=S(
            text="The Philippine government said the undersea cable will carry 20 Tbps of capacity.",
            source="Manila Net",
            published="2025-02-06",
        ),
        b=S(
            text="The Philippine government said the undersea cable will carry 200 Tbps of capacity.",
            source="Spectrum Times",
            published="2025-02-07",
        ),
        flag="figure_conflict",
        same=False,
        note="unit Tbps, order of magnitude",
    ),
    P(
        a=S(
            text="Bytedance said it plans to spend 160 billion yuan on capital expenditure in 2025.",
            source="China Tech Daily",
            published="2025-01-22",
        ),
        b=S(
            text="Bytedance said it plans to spend 100 billion yuan on capital expenditure in 2025.",
            source="AI Wire",
            published="2025-01-23",
        ),
        flag="figure_conflict",
        same=False,
        note="CNY",
    ),
    P(
        a=S(
            text="Vietnam's Ministry of Information and Communications said the country's digital economy was worth $36 billion in 2024.",
            source="Vietnam Digital",
            published="2025-03-01",
        ),
        b=S(
            text="Vietnam's Ministry of Information and Communications said the country's digital economy was worth $63 billion in 2024.",
            source="Asia Startup Wire",
            published="2025-03-02",
        ),
        flag="figure_conflict",
        same=False,
        note="money",
    ),
    P(
        a=S(
            text="Arm said its chips are in 99% of the world's smartphones.",
            source="Chip Ledger",
            published="2025-02-10",
        ),
        b=S(
            text="Arm said its chips are in 70% of the world's smartphones.",
            source="Mobile Ledger",
            published="2025-02-10",
        ),
        flag="figure_conflict",
        same=False,
        note="percent, no year on either side, same day",
    ),
    P(
        a=S(text="Kioxia said the IPO raised 120 billion yen.", source="Tokyo Tech Journal", published="2024-12-18"),
        b=S(text="Kioxia said the IPO raised 12 billion yen.", source="Memory Matters", published="2024-12-18"),
        flag="figure_conflict",
        same=False,
        note="scale slip",
    ),
    P(
        a=S(
            text="The Australian Energy Market Operator said data centres could use 8% of grid electricity by 2030.",
            source="Down Under Digital",
            published="2025-03-19",
        ),
        b=S(
            text="The Australian Energy Market Operator said data centres could use 18% of grid electricity by 2030.",
            source="Grid Watch",
            published="2025-03-20",
        ),
        flag="figure_conflict",
        same=False,
        note="both hedged identically; the figure still conflicts",
    ),
    P(
        a=S(
            text="Huawei said its revenue for 2024 was 862 billion yuan.",
            source="China Tech Daily",
            published="2025-03-31",
        ),
        b=S(
            text="Huawei said its revenue for 2024 was 704 billion yuan.",
            source="Handset Daily",
            published="2025-03-31",
        ),
        flag="figure_conflict",
        same=False,
        note="money",
    ),
    P(
        a=S(
            text="Telstra said it would cut 2,800 roles by the end of 2024.",
            source="Down Under Digital",
            published="2024-05-14",
        ),
        b=S(
            text="Telstra said it would cut 8,200 roles by the end of 2024.",
            source="Spectrum Times",
            published="2024-05-14",
        ),
        flag="figure_conflict",
        same=False,
        note="count",
    ),
    P(
        a=S(
            text="Mistral AI said it had raised €600 million in its latest round.",
            source="Euro Startups",
            published="2024-06-11",
        ),
        b=S(
            text="Mistral AI said it had raised €1.6 billion in its latest round.",
            source="AI Wire",
            published="2024-06-12",
        ),
        flag="figure_conflict",
        same=False,
        note="EUR scale",
    ),
    # -- revisions ----------------------------------------------------------------------
    P(
        a=S(
            text="TSMC said it expects full-year revenue growth of about 20% in 2025.",
            source="Chip Ledger",
            published="2025-01-16",
        ),
        b=S(
            text="TSMC said it now expects full-year revenue growth of about 30% in 2025.",
            source="Chip Ledger",
            published="2025-07-17",
        ),
        flag="revision",
        same=False,
        note="raised guidance, six months later",
    ),
    P(
        a=S(
            text="Gartner forecast that worldwide IT spending will grow 9.8% in 2025.",
            source="Data Dispatch",
            published="2025-01-21",
        ),
        b=S(
            text="Gartner forecast that worldwide IT spending will grow 7.9% in 2025.",
            source="Cloud Brief",
            published="2025-07-15",
        ),
        flag="revision",
        same=False,
        note="updated forecast",
    ),
    P(
        a=S(
            text="IDC expects global smartphone shipments to rise 2.3% in 2025.",
            source="Mobile Ledger",
            published="2024-12-02",
        ),
        b=S(
            text="IDC expects global smartphone shipments to rise 0.6% in 2025.",
            source="Handset Daily",
            published="2025-05-29",
        ),
        flag="revision",
        same=False,
        note="cut forecast",
    ),
    P(
        a=S(
            text="Meta said it expects capital expenditure of $60 billion to $65 billion in 2025.",
            source="Silicon Street",
            published="2025-01-24",
        ),
        b=S(
            text="Meta said it expects capital expenditure of $66 billion to $72 billion in 2025.",
            source="AI Wire",
            published="2025-07-31",
        ),
        flag="revision",
        same=False,
        note="ranges disjoint, six months apart",
    ),
    P(
        a=S(
            text="The Semiconductor Industry Association projected global chip sales of $697 billion in 2025.",
            source="Fab Times",
            published="2024-12-10",
        ),
        b=S(
            text="The Semiconductor Industry Association projected global chip sales of $728 billion in 2025.",
            source="Chip Ledger",
            published="2025-06-05",
        ),
        flag="revision",
        same=False,
        note="raised projection",
    ),
    P(
        a=S(
            text="Samsung said it aims to begin mass production of 2nm chips in Taylor in 2026.",
            source="Fab Times",
            published="2024-04-10",
        ),
        b=S(
            text="Samsung said it aims to begin mass production of 2nm chips in Taylor in 2027.",
            source="Seoul Tech Post",
            published="2024-10-30",
        ),
        flag=None,
        same=False,
        note="hard: a slipped target date is news, but the rules cover figures only; not a revision",
    ),
    P(
        a=S(
            text="The IMF forecast that Asia-Pacific economies will grow 4.5% in 2025.",
            source="Asia Markets Tech",
            published="2024-10-22",
        ),
        b=S(
            text="The IMF forecast that Asia-Pacific economies will grow 3.9% in 2025.",
            source="Asia Markets Tech",
            published="2025-04-22",
        ),
        flag="revision",
        same=False,
        note="same outlet, six months later",
    ),
    P(
        a=S(
            text="Apple said it will invest $500 billion in the United States over the next four years.",
            source="Silicon Street",
            published="2025-02-24",
        ),
        b=S(
            text="Apple said it will invest $600 billion in the United States over the next four years.",
            source="Silicon Street",
            published="2025-08-06",
        ),
        flag="revision",
        same=False,
        note="raised pledge",
    ),
    P(
        a=S(
            text="Omdia estimates that 5G subscriptions in Southeast Asia will reach 300 million in 2027.",
            source="Spectrum Times",
            published="2024-03-08",
        ),
        b=S(
            text="Omdia estimates that 5G subscriptions in Southeast Asia will reach 260 million in 2027.",
            source="Spectrum Times",
            published="2024-11-14",
        ),
        flag="revision",
        same=False,
        note="lowered forecast",
    ),
    P(
        a=S(
            text="Nvidia said it expects revenue of $37.5 billion for the first quarter of fiscal 2026.",
            source="Market Chip",
            published="2024-11-21",
        ),
        b=S(
            text="Nvidia said it expects revenue of $43 billion for the first quarter of fiscal 2026.",
            source="Market Chip",
            published="2025-02-27",
        ),
        flag="revision",
        same=False,
        note="raised guidance for the same quarter, three months later",
    ),
    P(
        a=S(
            text="Bloomberg Intelligence estimated the generative AI market will be worth $1.3 trillion by 2032.",
            source="AI Wire",
            published="2023-06-01",
        ),
        b=S(
            text="Bloomberg Intelligence estimated the generative AI market will be worth $1.8 trillion by 2032.",
            source="Model Watch",
            published="2024-03-11",
        ),
        flag="revision",
        same=False,
        note="updated estimate",
    ),
    P(
        a=S(
            text="Alibaba said it will spend 380 billion yuan on cloud and AI infrastructure over three years.",
            source="China Tech Daily",
            published="2025-02-24",
        ),
        b=S(
            text="Alibaba said it will spend 480 billion yuan on cloud and AI infrastructure over three years.",
            source="China Tech Daily",
            published="2025-08-29",
        ),
        flag="revision",
        same=False,
        note="raised plan",
    ),
    P(
        a=S(
            text="Intel said it expects to cut costs by $10 billion in 2025.",
            source="Chip Ledger",
            published="2024-08-01",
        ),
        b=S(
            text="Intel said it expects to cut costs by $13 billion in 2025.",
            source="Silicon Street",
            published="2025-01-30",
        ),
        flag="revision",
        same=False,
        note="raised target",
    ),
    P(
        a=S(
            text="Canalys forecast that AI-capable PCs will make up 40% of PC shipments in 2025.",
            source="Desk Report",
            published="2024-06-20",
        ),
        b=S(
            text="Canalys forecast that AI-capable PCs will make up 35% of PC shipments in 2025.",
            source="Desk Report",
            published="2025-01-28",
        ),
        flag="revision",
        same=False,
        note="lowered",
    ),
    P(
        a=S(
            text="BloombergNEF expects battery pack prices to average $113 per kWh in 2025.",
            source="Volt Times",
            published="2024-01-10",
        ),
        b=S(
            text="BloombergNEF expects battery pack prices to average $105 per kWh in 2025.",
            source="Volt Times",
            published="2024-12-10",
        ),
        flag="revision",
        same=False,
        note="unit $/kWh",
    ),
    P(
        a=S(
            text="Micron said it expects HBM revenue of several hundred million dollars in fiscal 2024.",
            source="Memory Matters",
            published="2023-12-20",
        ),
        b=S(
            text="Micron said it expects HBM revenue of more than $1 billion in fiscal 2024.",
            source="Memory Matters",
            published="2024-06-26",
        ),
        flag="revision",
        same=False,
        note="vague then firm; later figure higher",
    ),
    P(
        a=S(
            text="The Japan Electronics and Information Technology Industries Association forecast domestic chip production of ¥6 trillion in 2025.",
            source="Tokyo Tech Journal",
            published="2024-12-12",
        ),
        b=S(
            text="The Japan Electronics and Information Technology Industries Association forecast domestic chip production of ¥5.4 trillion in 2025.",
            source="Fab Times",
            published="2025-06-10",
        ),
        flag="revision",
        same=False,
        note="JPY trillion",
    ),
    P(
        a=S(
            text="SoftBank said the Stargate project would invest $100 billion initially.",
            source="AI Wire",
            published="2025-01-22",
        ),
        b=S(
            text="SoftBank said the Stargate project would invest $500 billion initially.",
            source="AI Wire",
            published="2025-01-23",
        ),
        flag="figure_conflict",
        same=False,
        note="one day apart: too close for a revision",
    ),
    P(
        a=S(
            text="Counterpoint Research forecast that foldable shipments will grow 10% in 2025.",
            source="Handset Daily",
            published="2024-12-03",
        ),
        b=S(
            text="Counterpoint Research forecast that foldable shipments will grow 6% in 2025.",
            source="Mobile Ledger",
            published="2025-03-25",
        ),
        flag="revision",
        same=False,
        note="cut",
    ),
    # -- polarity -----------------------------------------------------------------------
    P(
        a=S(
            text="OpenAI said it has run out of high-quality public text to train its models.",
            source="Model Watch",
            published="2025-01-14",
        ),
        b=S(
            text="OpenAI said it has not run out of high-quality public text to train its models.",
            source="AI Wire",
            published="2025-01-15",
        ),
        flag="polarity",
        same=False,
        note="negation",
    ),
    P(
        a=S(
            text="Canalys said smartphone shipments in India rose in the first quarter of 2025.",
            source="Delhi Digital",
            published="2025-04-21",
        ),
        b=S(
            text="Canalys said smartphone shipments in India fell in the first quarter of 2025.",
            source="Mobile Ledger",
            published="2025-04-22",
        ),
        flag="polarity",
        same=False,
        note="opposite verbs",
    ),
    P(
        a=S(text="Apple said it will build AI servers in Houston.", source="Silicon Street", published="2025-02-24"),
        b=S(text="Apple said it will not build AI servers in Houston.", source="Server Side", published="2025-02-25"),
        flag="polarity",
        same=False,
        note="negation",
    ),
    P(
        a=S(
            text="Nvidia said the H20 chip complies with US export rules.", source="Chip Ledger", published="2024-07-01"
        ),
        b=S(
            text="Nvidia said the H20 chip does not comply with US export rules.",
            source="Fab Times",
            published="2024-07-02",
        ),
        flag="polarity",
        same=False,
        note="negation",
    ),
    P(
        a=S(
            text="Samsung said its HBM3E chips have passed Nvidia's qualification tests.",
            source="Seoul Tech Post",
            published="2024-08-07",
        ),
        b=S(
            text="Samsung said its HBM3E chips have not passed Nvidia's qualification tests.",
            source="Memory Matters",
            published="2024-08-07",
        ),
        flag="polarity",
        same=False,
        note="same day",
    ),
    P(
        a=S(
            text="Meta said daily active users of its apps increased in the fourth quarter.",
            source="Social Tech",
            published="2025-01-30",
        ),
        b=S(
            text="Meta said daily active users of its apps decreased in the fourth quarter.",
            source="Silicon Street",
            published="2025-01-30",
        ),
        flag="polarity",
        same=False,
        note="increased/decreased",
    ),
    P(
        a=S(
            text="The Reserve Bank of India said the UPI outage was caused by a cyberattack.",
            source="Delhi Digital",
            published="2025-04-13",
        ),
        b=S(
            text="The Reserve Bank of India said the UPI outage was not caused by a cyberattack.",
            source="Fintech Asia",
            published="2025-04-14",
        ),
        flag="polarity",
        same=False,
        note="negation",
    ),
    P(
        a=S(
            text="Microsoft said Azure revenue growth accelerated in the quarter.",
            source="Cloud Brief",
            published="2025-04-30",
        ),
        b=S(
            text="Microsoft said Azure revenue growth slowed in the quarter.",
            source="Server Side",
            published="2025-04-30",
        ),
        flag="polarity",
        same=False,
        note="accelerated/slowed",
    ),
    P(
        a=S(
            text="Intel said it is on track to launch its 18A process in 2025.",
            source="Fab Times",
            published="2025-03-05",
        ),
        b=S(
            text="Intel said it is not on track to launch its 18A process in 2025.",
            source="Chip Ledger",
            published="2025-03-06",
        ),
        flag="polarity",
        same=False,
        note="negation",
    ),
    P(
        a=S(
            text="TikTok said it shares user data with the Chinese government.",
            source="Policy Wire",
            published="2024-03-20",
        ),
        b=S(
            text="TikTok said it has never shared user data with the Chinese government.",
            source="Social Tech",
            published="2024-03-21",
        ),
        flag="polarity",
        same=False,
        note="'never'",
    ),
    P(
        a=S(
            text="SK Hynix said DRAM prices rose in the third quarter.", source="Memory Matters", published="2024-10-24"
        ),
        b=S(
            text="SK Hynix said DRAM prices fell in the third quarter.",
            source="Seoul Tech Post",
            published="2024-10-24",
        ),
        flag="polarity",
        same=False,
        note="rose/fell",
    ),
    P(
        a=S(
            text="The Australian government said the social media ban applies to YouTube.",
            source="Down Under Digital",
            published="2025-07-30",
        ),
        b=S(
            text="The Australian government said the social media ban does not apply to YouTube.",
            source="Policy Wire",
            published="2025-07-30",
        ),
        flag="polarity",
        same=False,
        note="negation, same day",
    ),
    P(
        a=S(text="Grab said it is in talks to merge with GoTo.", source="Asia Startup Wire", published="2025-02-05"),
        b=S(text="Grab said it is not in talks to merge with GoTo.", source="Ride Tech", published="2025-02-06"),
        flag="polarity",
        same=False,
        note="negation",
    ),
    P(
        a=S(text="Tesla said sales in China increased in May.", source="EV Asia", published="2025-06-03"),
        b=S(text="Tesla said sales in China declined in May.", source="Volt Times", published="2025-06-04"),
        flag="polarity",
        same=False,
        note="increased/declined",
    ),
    P(
        a=S(
            text="Google said the Gemini model was trained on YouTube videos.",
            source="Model Watch",
            published="2024-04-08",
        ),
        b=S(
            text="Google said the Gemini model was not trained on YouTube videos.",
            source="AI Wire",
            published="2024-04-09",
        ),
        flag="polarity",
        same=False,
        note="negation",
    ),
    P(
        a=S(text="Huawei said its Ascend chips are made by SMIC.", source="China Tech Daily", published="2024-09-12"),
        b=S(text="Huawei said its Ascend chips are not made by SMIC.", source="Fab Times", published="2024-09-13"),
        flag="polarity",
        same=False,
        note="negation",
    ),
    P(
        a=S(text="Foxconn said profit grew in the second quarter.", source="Supply Chain Asia", published="2025-08-14"),
        b=S(
            text="Foxconn said profit shrank in the second quarter.", source="Supply Chain Asia", published="2025-08-14"
        ),
        flag="polarity",
        same=False,
        note="grew/shrank, same outlet and day",
    ),
    P(
        a=S(
            text="Amazon said it will use nuclear power for its Virginia data centres.",
            source="Grid Watch",
            published="2024-10-16",
        ),
        b=S(
            text="Amazon said it will not use nuclear power for its Virginia data centres.",
            source="Rack Report",
            published="2024-10-17",
        ),
        flag="polarity",
        same=False,
        note="negation",
    ),
    P(
        a=S(
            text="The Korea Fair Trade Commission said Google abused its dominance in app payments.",
            source="Seoul Tech Post",
            published="2024-11-05",
        ),
        b=S(
            text="The Korea Fair Trade Commission said Google did not abuse its dominance in app payments.",
            source="Policy Wire",
            published="2024-11-06",
        ),
        flag="polarity",
        same=False,
        note="negation",
    ),
    P(
        a=S(
            text="Xiaomi said smartphone margins improved in the quarter.",
            source="Handset Daily",
            published="2025-05-27",
        ),
        b=S(
            text="Xiaomi said smartphone margins worsened in the quarter.",
            source="Mobile Ledger",
            published="2025-05-27",
        ),
        flag="polarity",
        same=False,
        note="improved/worsened",
    ),
    P(
        a=S(text="Anthropic said Claude is available in China.", source="AI Wire", published="2025-03-10"),
        b=S(text="Anthropic said Claude is unavailable in China.", source="Model Watch", published="2025-03-11"),
        flag="polarity",
        same=False,
        note="un- prefix",
    ),
    # -- paraphrases (same=True) --------------------------------------------------------
    P(
        a=S(
            text="Canalys said global smartphone shipments rose 7% in 2024 to 1.22 billion units.",
            source="Mobile Ledger",
            published="2025-01-16",
        ),
        b=S(
            text="Global smartphone shipments grew 7% last year to 1.22 billion units, according to Canalys.",
            source="Handset Daily",
            published="2025-01-17",
        ),
        flag=None,
        same=True,
        note="paraphrase",
    ),
    P(
        a=S(
            text="Gartner said 60% of the data used for AI projects in 2024 will be synthetic.",
            source="Byte Beacon",
            published="2024-03-02",
        ),
        b=S(
            text="Three in five pieces of data used for AI projects in 2024 will be synthetic, Gartner said.",
            source="Data Dispatch",
            published="2024-03-04",
        ),
        flag=None,
        same=True,
        note="60% = three in five",
    ),
    P(
        a=S(
            text="Vantara Cloud said it raised US$4.6 million in seed funding.",
            source="Startup Signal",
            published="2025-02-11",
        ),
        b=S(
            text="Vantara Cloud said it had raised $4,600,000 in a seed round.",
            source="Deal Street",
            published="2025-02-12",
        ),
        flag=None,
        same=True,
        note="normalised money",
    ),
    P(
        a=S(text="Intel said it would cut about 15% of its workforce.", source="Chip Ledger", published="2024-08-01"),
        b=S(
            text="Intel plans to shed roughly 15% of its staff, the company said.",
            source="Silicon Street",
            published="2024-08-01",
        ),
        flag=None,
        same=True,
        note="paraphrase",
    ),
    P(
        a=S(
            text="Nvidia CEO Jensen Huang said demand for Blackwell is insane.",
            source="AI Wire",
            published="2024-10-03",
        ),
        b=S(
            text="Demand for Blackwell chips is insane, Nvidia chief executive Jensen Huang said.",
            source="Chip Ledger",
            published="2024-10-03",
        ),
        flag=None,
        same=True,
        note="same quote reworded",
    ),
    P(
        a=S(
            text="The IEA said data centre electricity demand will more than double by 2030.",
            source="Grid Watch",
            published="2025-04-10",
        ),
        b=S(
            text="Electricity consumption by data centres is set to more than double by 2030, the International Energy Agency said.",
            source="Energy Monitor Asia",
            published="2025-04-10",
        ),
        flag=None,
        same=True,
        note="acronym vs full name",
    ),
    P(
        a=S(
            text="Microsoft said it will spend $80 billion on AI data centres in fiscal 2025.",
            source="Cloud Brief",
            published="2025-01-04",
        ),
        b=S(
            text="Microsoft plans to invest US$80bn in AI-enabled data centres in its 2025 fiscal year, the company said.",
            source="Server Side",
            published="2025-01-05",
        ),
        flag=None,
        same=True,
        note="$80 billion = US$80bn",
    ),
    P(
        a=S(text="SK Hynix said its HBM chips for 2025 are sold out.", source="Memory Matters", published="2024-05-02"),
        b=S(
            text="SK Hynix has already sold all of its high-bandwidth memory chips for 2025, the company said.",
            source="Seoul Tech Post",
            published="2024-05-02",
        ),
        flag=None,
        same=True,
        note="paraphrase",
    ),
    P(
        a=S(
            text="Grab said it turned its first full-year profit in 2024.",
            source="Asia Startup Wire",
            published="2025-02-20",
        ),
        b=S(
            text="Grab posted its first annual profit in 2024, the company said.",
            source="Ride Tech",
            published="2025-02-20",
        ),
        flag=None,
        same=True,
        note="paraphrase",
    ),
    P(
        a=S(
            text="The EU said companies face fines of up to €35 million under the AI Act.",
            source="Policy Wire",
            published="2024-08-01",
        ),
        b=S(
            text="Under the AI Act, companies can be fined as much as €35m, the European Union said.",
            source="Brussels Tech",
            published="2024-08-02",
        ),
        flag=None,
        same=True,
        note="€35 million = €35m",
    ),
    P(
        a=S(
            text="Apple said it sold more than 230 million iPhones in 2023.",
            source="Mobile Ledger",
            published="2024-02-02",
        ),
        b=S(
            text="Over 230 million iPhones were sold in 2023, Apple said.",
            source="Handset Daily",
            published="2024-02-03",
        ),
        flag=None,
        same=True,
        note="passive",
    ),
    P(
        a=S(text="TSMC said it will build a third fab in Arizona.", source="Fab Times", published="2024-04-08"),
        b=S(
            text="Taiwan Semiconductor Manufacturing Co said it plans a third chip plant in Arizona.",
            source="Chip Ledger",
            published="2024-04-08",
        ),
        flag=None,
        same=True,
        note="full name",
    ),
    P(
        a=S(
            text="Meta said Llama has been downloaded more than 650 million times.",
            source="Model Watch",
            published="2024-12-09",
        ),
        b=S(
            text="Llama models have been downloaded over 650 million times, Meta said.",
            source="AI Wire",
            published="2024-12-10",
        ),
        flag=None,
        same=True,
        note="more than = over",
    ),
    P(
        a=S(
            text="Samsung said operating profit fell 29% in the third quarter.",
            source="Seoul Tech Post",
            published="2024-10-31",
        ),
        b=S(
            text="Samsung's third-quarter operating profit dropped 29%, the company said.",
            source="Memory Matters",
            published="2024-10-31",
        ),
        flag=None,
        same=True,
        note="fell = dropped",
    ),
    P(
        a=S(
            text="Counterpoint Research said Xiaomi shipped 42 million smartphones in the first quarter.",
            source="Handset Daily",
            published="2025-04-17",
        ),
        b=S(
            text="Xiaomi shipped 42m smartphones in the first quarter, according to Counterpoint Research.",
            source="Mobile Ledger",
            published="2025-04-18",
        ),
        flag=None,
        same=True,
        note="42m",
    ),
    P(
        a=S(text="OpenAI said ChatGPT has 400 million weekly users.", source="AI Wire", published="2025-02-21"),
        b=S(
            text="ChatGPT now has 0.4 billion weekly active users, OpenAI said.",
            source="Model Watch",
            published="2025-02-22",
        ),
        flag=None,
        same=True,
        note="0.4 billion = 400 million",
    ),
    P(
        a=S(
            text="The Singapore government said it will invest S$1 billion in AI over five years.",
            source="Lion City Tech",
            published="2024-02-16",
        ),
        b=S(
            text="Singapore will spend more than S$1bn on artificial intelligence over the next five years, the government said.",
            source="Asia Startup Wire",
            published="2024-02-16",
        ),
        flag=None,
        same=True,
        note="'more than S$1bn' reported loosely; same pledge",
    ),
    P(
        a=S(
            text="Alibaba said cloud revenue rose 13% in the December quarter.",
            source="China Tech Daily",
            published="2025-02-20",
        ),
        b=S(
            text="Alibaba's cloud unit grew revenue by 13% in the three months to December, the company said.",
            source="Cloud Brief",
            published="2025-02-20",
        ),
        flag=None,
        same=True,
        note="December quarter = three months to December",
    ),
    P(
        a=S(
            text="Kioxia said it will start mass production at its Kitakami plant in 2025.",
            source="Tokyo Tech Journal",
            published="2024-06-03",
        ),
        b=S(
            text="Mass production at the Kitakami fab will begin in 2025, Kioxia said.",
            source="Memory Matters",
            published="2024-06-04",
        ),
        flag=None,
        same=True,
        note="paraphrase",
    ),
    P(
        a=S(text="Sam Altman said OpenAI is not building a phone.", source="AI Wire", published="2025-05-22"),
        b=S(
            text="OpenAI chief executive Sam Altman said the company has no plans to build a phone.",
            source="Handset Daily",
            published="2025-05-23",
        ),
        flag=None,
        same=True,
        note="two negations, same claim",
    ),
    P(
        a=S(text="Huawei said revenue grew 22% in 2024.", source="China Tech Daily", published="2025-03-31"),
        b=S(text="Huawei said its 2024 revenue rose by 22 per cent.", source="Handset Daily", published="2025-03-31"),
        flag=None,
        same=True,
        note="per cent",
    ),
    P(
        a=S(
            text="The IEA said data centres used about 415 TWh of electricity in 2024.",
            source="Grid Watch",
            published="2025-04-11",
        ),
        b=S(
            text="Data centres consumed 415 terawatt-hours of power in 2024, according to the International Energy Agency.",
            source="Rack Report",
            published="2025-04-11",
        ),
        flag=None,
        same=True,
        note="about 415 TWh = 415 terawatt-hours",
    ),
    P(
        a=S(
            text="Telstra said it will cut 2,800 jobs by the end of 2024.",
            source="Down Under Digital",
            published="2024-05-14",
        ),
        b=S(
            text="Telstra plans to eliminate up to 2,800 roles by the end of 2024, the company said.",
            source="Spectrum Times",
            published="2024-05-14",
        ),
        flag=None,
        same=True,
        note="'up to' loosely reported; same claim",
    ),
    P(
        a=S(
            text="Anthropic said it raised $3.5 billion at a $61.5 billion valuation.",
            source="Venture Wire",
            published="2025-03-04",
        ),
        b=S(
            text="Anthropic said its $3.5bn funding round values it at $61.5bn.",
            source="AI Wire",
            published="2025-03-04",
        ),
        flag=None,
        same=True,
        note="bn",
    ),
    P(
        a=S(
            text="Equinix said its Osaka campus will have 48 MW of capacity.",
            source="Rack Report",
            published="2025-06-17",
        ),
        b=S(
            text="The Osaka campus will offer 48 megawatts of IT capacity, Equinix said.",
            source="Server Side",
            published="2025-06-18",
        ),
        flag=None,
        same=True,
        note="MW = megawatts",
    ),
    P(
        a=S(
            text="Foxconn said it will invest US$250 million in a plant in Vietnam.",
            source="Supply Chain Asia",
            published="2024-09-18",
        ),
        b=S(
            text="Foxconn will put $0.25 billion into a new Vietnamese factory, the company said.",
            source="Vietnam Digital",
            published="2024-09-19",
        ),
        flag=None,
        same=True,
        note="$0.25 billion",
    ),
    P(
        a=S(
            text="Copernicus said 2024 was the warmest year on record.",
            source="Climate Tech Review",
            published="2025-01-10",
        ),
        b=S(
            text="Last year was the hottest year ever recorded, the Copernicus Climate Change Service said.",
            source="Energy Monitor Asia",
            published="2025-01-10",
        ),
        flag=None,
        same=True,
        note="paraphrase",
    ),
    P(
        a=S(text="Tesla said it delivered 1.79 million vehicles in 2024.", source="EV Asia", published="2025-01-02"),
        b=S(
            text="Tesla said deliveries for 2024 totalled 1,789,226 vehicles.",
            source="Volt Times",
            published="2025-01-02",
        ),
        flag=None,
        same=True,
        note="rounding",
    ),
    P(
        a=S(
            text="Arm said it expects to hold half of the data centre CPU market by the end of 2025.",
            source="Chip Ledger",
            published="2025-03-31",
        ),
        b=S(
            text="Arm expects 50% of data centre CPUs to be Arm-based by the end of 2025, the company said.",
            source="Server Side",
            published="2025-04-01",
        ),
        flag=None,
        same=True,
        note="half = 50%",
    ),
    P(
        a=S(
            text="India's telecom regulator said mobile subscribers reached 1.16 billion in March.",
            source="Delhi Digital",
            published="2025-04-28",
        ),
        b=S(
            text="Mobile subscriptions in India hit 1.16bn in March, according to the telecom regulator.",
            source="Spectrum Times",
            published="2025-04-29",
        ),
        flag=None,
        same=True,
        note="paraphrase",
    ),
    P(
        a=S(
            text="Micron said it will build a memory fab in Hiroshima with a ¥500 billion investment.",
            source="Memory Matters",
            published="2023-05-18",
        ),
        b=S(
            text="Micron plans to invest 500 billion yen in a Hiroshima chip plant, the company said.",
            source="Tokyo Tech Journal",
            published="2023-05-18",
        ),
        flag=None,
        same=True,
        note="¥ = yen",
    ),
    P(
        a=S(
            text="Google said it signed a deal to buy power from small modular reactors built by Kairos Power.",
            source="Grid Watch",
            published="2024-10-14",
        ),
        b=S(
            text="Google has agreed to buy electricity from Kairos Power's small modular reactors, the company said.",
            source="Rack Report",
            published="2024-10-15",
        ),
        flag=None,
        same=True,
        note="paraphrase",
    ),
    P(
        a=S(
            text="Sea Limited said Shopee's gross merchandise value rose 28% in the third quarter.",
            source="Asia Startup Wire",
            published="2024-11-12",
        ),
        b=S(
            text="Shopee's GMV grew 28 per cent in the July-September quarter, parent Sea Limited said.",
            source="Commerce Asia",
            published="2024-11-12",
        ),
        flag=None,
        same=True,
        note="GMV, July-September",
    ),
    P(
        a=S(
            text="Xiaomi said it delivered more than 135,000 electric vehicles in 2024.",
            source="EV Asia",
            published="2025-01-02",
        ),
        b=S(
            text="Xiaomi handed over more than 135,000 EVs last year, the company said.",
            source="Handset Daily",
            published="2025-01-03",
        ),
        flag=None,
        same=True,
        note="paraphrase",
    ),
    P(
        a=S(
            text="Nvidia said data centre revenue was $35.6 billion in the quarter.",
            source="Silicon Street",
            published="2025-02-27",
        ),
        b=S(
            text="Nvidia said its data center business brought in US$35.6bn in the quarter.",
            source="Market Chip",
            published="2025-02-27",
        ),
        flag=None,
        same=True,
        note="centre/center",
    ),
    P(
        a=S(
            text="The Korean government said it will provide 33 trillion won in support for the chip industry.",
            source="Seoul Tech Post",
            published="2025-04-15",
        ),
        b=S(
            text="South Korea will offer 33 trillion won of support to chipmakers, the government said.",
            source="Fab Times",
            published="2025-04-15",
        ),
        flag=None,
        same=True,
        note="paraphrase",
    ),
    P(
        a=S(
            text="ByteDance said it is not selling TikTok's US business.", source="Social Tech", published="2024-04-25"
        ),
        b=S(
            text="ByteDance said it has no plans to sell TikTok's US operations.",
            source="Policy Wire",
            published="2024-04-25",
        ),
        flag=None,
        same=True,
        note="two negations",
    ),
    P(
        a=S(
            text="Canalys said AI-capable PCs accounted for 14% of shipments in the second quarter of 2024.",
            source="Desk Report",
            published="2024-08-13",
        ),
        b=S(
            text="AI-capable PCs made up about 14% of PCs shipped in the April-June quarter of 2024, Canalys said.",
            source="Chip Ledger",
            published="2024-08-14",
        ),
        flag=None,
        same=True,
        note="about 14% = 14%",
    ),
    P(
        a=S(text="Mistral AI said it raised €600 million.", source="Euro Startups", published="2024-06-11"),
        b=S(text="Mistral AI said it has raised 600 million euros.", source="AI Wire", published="2024-06-11"),
        flag=None,
        same=True,
        note="€ = euros",
    ),
    P(
        a=S(
            text="Infineon said the Kulim fab will be the world's largest 200-millimetre silicon carbide power fab.",
            source="Fab Times",
            published="2024-08-08",
        ),
        b=S(
            text="The Kulim plant will be the biggest 200mm silicon carbide power semiconductor fab in the world, Infineon said.",
            source="Malaysia Tech",
            published="2024-08-08",
        ),
        flag=None,
        same=True,
        note="mm",
    ),
    P(
        a=S(
            text="Samsung said its Galaxy AI features will be free until the end of 2025.",
            source="Handset Daily",
            published="2024-01-18",
        ),
        b=S(
            text="Galaxy AI will remain free of charge through the end of 2025, Samsung said.",
            source="Mobile Ledger",
            published="2024-01-18",
        ),
        flag=None,
        same=True,
        note="paraphrase",
    ),
    P(
        a=S(
            text="The Australian Energy Market Operator said data centres could use 8% of grid electricity by 2030.",
            source="Down Under Digital",
            published="2025-03-19",
        ),
        b=S(
            text="Data centres may account for 8 per cent of grid power by 2030, AEMO said.",
            source="Grid Watch",
            published="2025-03-20",
        ),
        flag=None,
        same=True,
        note="acronym; both hedged",
    ),
    P(
        a=S(
            text="Gartner said worldwide IT spending will total $5.61 trillion in 2025.",
            source="Data Dispatch",
            published="2025-01-21",
        ),
        b=S(
            text="Worldwide IT spending is expected to reach US$5.61tn in 2025, according to Gartner.",
            source="Cloud Brief",
            published="2025-01-22",
        ),
        flag=None,
        same=True,
        note="tn",
    ),
    # -- hard look-alikes (flag=None, same=False) ---------------------------------------
    P(
        a=S(
            text="Canalys said global smartphone shipments rose 7% in 2024.",
            source="Mobile Ledger",
            published="2025-01-16",
        ),
        b=S(
            text="IDC said global smartphone shipments rose 6.4% in 2024.",
            source="Handset Daily",
            published="2025-01-14",
        ),
        flag=None,
        same=False,
        note="different speakers",
    ),
    P(
        a=S(
            text="Gartner said 60% of the data used for AI projects in 2024 will be synthetic.",
            source="Byte Beacon",
            published="2024-03-02",
        ),
        b=S(
            text="Gartner said 0.6 of the data used for AI projects in 2024 will be synthetic, a share it called conservative.",
            source="Data Dispatch",
            published="2024-03-03",
        ),
        flag=None,
        same=True,
        note="60% = 0.6; extra clause",
    ),
    P(
        a=S(text="Intel said it would cut about 15% of its workforce.", source="Chip Ledger", published="2024-08-01"),
        b=S(text="Intel said it would cut 16% of its workforce.", source="Silicon Street", published="2024-08-01"),
        flag=None,
        same=False,
        note="hard: 'about 15%' vs 16% is rounding a journalist would not flag",
    ),
    P(
        a=S(
            text="Gartner said about 60% of enterprise AI projects will use synthetic data.",
            source="Byte Beacon",
            published="2024-05-02",
        ),
        b=S(
            text="Gartner said 61% of enterprise AI projects will use synthetic data.",
            source="Data Dispatch",
            published="2024-05-02",
        ),
        flag=None,
        same=True,
        note="about 60% vs 61%: compatible",
    ),
    P(
        a=S(
            text="IDC said Asia-Pacific accounted for between 20% and 30% of global PC volume in 2024.",
            source="Desk Report",
            published="2025-01-20",
        ),
        b=S(
            text="IDC said Asia-Pacific accounted for 25% of global PC volume in 2024.",
            source="Chip Ledger",
            published="2025-01-21",
        ),
        flag=None,
        same=False,
        note="range 20-30 contains 25",
    ),
    P(
        a=S(
            text="Counterpoint Research said foldable phone shipments grew more than 3% in 2024.",
            source="Handset Daily",
            published="2025-02-10",
        ),
        b=S(
            text="Counterpoint Research said foldable phone shipments grew 17% in 2024.",
            source="Mobile Ledger",
            published="2025-02-11",
        ),
        flag=None,
        same=False,
        note="'more than 3%' compatible with 17%",
    ),
    P(
        a=S(
            text="Samsung said operating profit fell 29% in the third quarter of 2024.",
            source="Seoul Tech Post",
            published="2024-10-31",
        ),
        b=S(text="Samsung said operating profit rose 398% in 2024.", source="Memory Matters", published="2025-01-31"),
        flag=None,
        same=False,
        note="quarter vs full year; fell vs rose not polarity",
    ),
    P(
        a=S(text="TSMC said revenue rose 34% in 2024.", source="Chip Ledger", published="2025-01-16"),
        b=S(
            text="TSMC said revenue rose 39% in the fourth quarter of 2024.", source="Fab Times", published="2025-01-16"
        ),
        flag=None,
        same=False,
        note="annual vs quarterly, same day",
    ),
    P(
        a=S(text="Nvidia said revenue rose 78% in the fourth quarter.", source="Market Chip", published="2025-02-27"),
        b=S(
            text="Nvidia said data centre revenue rose 93% in the fourth quarter.",
            source="Market Chip",
            published="2025-02-27",
        ),
        flag=None,
        same=False,
        note="total vs segment; same outlet, same day",
    ),
    P(
        a=S(
            text="Canalys said smartphone shipments in India rose 7% in 2024.",
            source="Delhi Digital",
            published="2025-01-22",
        ),
        b=S(
            text="Canalys said smartphone shipments in Indonesia rose 15% in 2024.",
            source="Asia Startup Wire",
            published="2025-01-23",
        ),
        flag=None,
        same=False,
        note="different countries",
    ),
    P(
        a=S(
            text="Canalys said smartphone shipments in China rose 4% in 2024.",
            source="China Tech Daily",
            published="2025-01-20",
        ),
        b=S(
            text="Canalys said smartphone shipments in China fell 5% in 2023.",
            source="China Tech Daily",
            published="2024-01-22",
        ),
        flag=None,
        same=False,
        note="different years: not polarity, not conflict",
    ),
    P(
        a=S(text="Apple said iPhone revenue rose 6% in the quarter.", source="Silicon Street", published="2024-10-31"),
        b=S(text="Apple said Mac revenue rose 2% in the quarter.", source="Silicon Street", published="2024-10-31"),
        flag=None,
        same=False,
        note="different products",
    ),
    P(
        a=S(text="Microsoft said Azure revenue grew 31% in the quarter.", source="Cloud Brief", published="2025-01-29"),
        b=S(text="Microsoft said Azure revenue grew 33% in the quarter.", source="Cloud Brief", published="2024-10-30"),
        flag=None,
        same=False,
        note="different quarters (dates three months apart, 'the quarter' = different quarters)",
    ),
    P(
        a=S(
            text="Gartner forecast that worldwide IT spending will grow 9.8% in 2025.",
            source="Data Dispatch",
            published="2025-01-21",
        ),
        b=S(
            text="Gartner forecast that worldwide IT spending will grow 9.3% in 2026.",
            source="Data Dispatch",
            published="2025-01-21",
        ),
        flag=None,
        same=False,
        note="different years, same release",
    ),
    P(
        a=S(text="IDC said worldwide tablet shipments rose 9% in 2024.", source="Desk Report", published="2025-02-03"),
        b=S(
            text="IDC said worldwide smartphone shipments rose 6.4% in 2024.",
            source="Mobile Ledger",
            published="2025-01-14",
        ),
        flag=None,
        same=False,
        note="different products",
    ),
    P(
        a=S(
            text="OpenAI said it has run out of high-quality public text to train its models.",
            source="Model Watch",
            published="2025-01-14",
        ),
        b=S(
            text="Google said it may not run out of high-quality public text to train its models.",
            source="AI Wire",
            published="2025-01-15",
        ),
        flag=None,
        same=False,
        note="different speakers and hedge",
    ),
    P(
        a=S(
            text="Elon Musk said AI models have run out of human training data.",
            source="Model Watch",
            published="2025-01-09",
        ),
        b=S(
            text="Elon Musk said AI models may not have run out of human training data yet.",
            source="AI Wire",
            published="2025-01-10",
        ),
        flag=None,
        same=False,
        note="hedge is not a denial",
    ),
    P(
        a=S(text="Intel said it will deliver its 18A process in 2025.", source="Fab Times", published="2025-03-05"),
        b=S(text="Intel said its 18A process could slip into 2026.", source="Chip Ledger", published="2025-03-06"),
        flag=None,
        same=False,
        note="hedged 'could'",
    ),
    P(
        a=S(
            text="Samsung said its HBM3E chips have passed Nvidia's qualification tests.",
            source="Seoul Tech Post",
            published="2024-08-07",
        ),
        b=S(
            text="Analysts said Samsung's HBM3E chips might not pass Nvidia's qualification tests.",
            source="Memory Matters",
            published="2024-08-01",
        ),
        flag=None,
        same=False,
        note="different speaker, hedge",
    ),
    P(
        a=S(text="Tesla said sales in China increased in May.", source="EV Asia", published="2025-06-03"),
        b=S(text="Tesla said sales in Europe declined in May.", source="Volt Times", published="2025-06-04"),
        flag=None,
        same=False,
        note="different regions, opposite verbs",
    ),
    P(
        a=S(
            text="SK Hynix said DRAM prices rose in the third quarter.", source="Memory Matters", published="2024-10-24"
        ),
        b=S(
            text="SK Hynix said NAND prices fell in the third quarter.", source="Memory Matters", published="2024-10-24"
        ),
        flag=None,
        same=False,
        note="different products, opposite verbs",
    ),
    P(
        a=S(
            text="TrendForce said DRAM prices rose in the third quarter of 2024.",
            source="Memory Matters",
            published="2024-10-01",
        ),
        b=S(
            text="Samsung said DRAM prices fell in the third quarter of 2024.",
            source="Seoul Tech Post",
            published="2024-10-31",
        ),
        flag=None,
        same=False,
        note="different speakers: a disagreement between sources, not a claim denying itself; hard",
    ),
    P(
        a=S(
            text="Vantara Cloud said it raised US$700K in a pre-seed round.",
            source="Startup Signal",
            published="2025-02-11",
        ),
        b=S(
            text="Vantara Cloud said it raised US$0.7 million in a pre-seed round.",
            source="Deal Street",
            published="2025-02-11",
        ),
        flag=None,
        same=True,
        note="$700K = US$0.7 million",
    ),
    P(
        a=S(text="Mistral AI said it raised €2bn in 2025.", source="Euro Startups", published="2025-09-10"),
        b=S(text="Mistral AI said it raised €600 million in 2024.", source="Euro Startups", published="2024-06-11"),
        flag=None,
        same=False,
        note="different rounds/years",
    ),
    P(
        a=S(
            text="Singapore said data centres consumed 7% of its electricity in 2024.",
            source="Lion City Tech",
            published="2025-04-02",
        ),
        b=S(
            text="Ireland's Central Statistics Office said data centres consumed 21% of its electricity in 2024.",
            source="Grid Watch",
            published="2025-06-03",
        ),
        flag=None,
        same=False,
        note="different countries",
    ),
    P(
        a=S(
            text="The IEA said data centres used 415 TWh of electricity in 2024.",
            source="Grid Watch",
            published="2025-04-11",
        ),
        b=S(
            text="The IEA said data centres will use 945 TWh of electricity in 2030.",
            source="Grid Watch",
            published="2025-04-11",
        ),
        flag=None,
        same=False,
        note="different years",
    ),
    P(
        a=S(
            text="Equinix said its Osaka campus will have 48 MW of IT capacity.",
            source="Rack Report",
            published="2025-06-17",
        ),
        b=S(
            text="Equinix said its Tokyo campus will have 84 MW of IT capacity.",
            source="Rack Report",
            published="2025-06-17",
        ),
        flag=None,
        same=False,
        note="different sites",
    ),
    P(
        a=S(
            text="Grab said it had 42 million monthly transacting users at the end of 2024.",
            source="Asia Startup Wire",
            published="2025-02-20",
        ),
        b=S(
            text="GoTo said it had 24 million monthly transacting users at the end of 2024.",
            source="Ride Tech",
            published="2025-02-21",
        ),
        flag=None,
        same=False,
        note="different companies",
    ),
    P(
        a=S(
            text="TSMC said it expects capital spending of between $38 billion and $42 billion in 2025.",
            source="Chip Ledger",
            published="2025-01-16",
        ),
        b=S(
            text="TSMC said it expects capital spending of $40 billion in 2025.",
            source="Fab Times",
            published="2025-01-16",
        ),
        flag=None,
        same=False,
        note="range contains value; looser report",
    ),
    P(
        a=S(
            text="Meta said it expects capital expenditure of up to $65 billion in 2025.",
            source="Silicon Street",
            published="2025-01-24",
        ),
        b=S(
            text="Meta said it expects capital expenditure of $62 billion in 2025.",
            source="AI Wire",
            published="2025-01-25",
        ),
        flag=None,
        same=False,
        note="'up to' compatible",
    ),
    P(
        a=S(
            text="OpenAI said ChatGPT has more than 300 million weekly users.", source="AI Wire", published="2024-12-04"
        ),
        b=S(text="OpenAI said ChatGPT has 400 million weekly users.", source="Model Watch", published="2025-02-21"),
        flag=None,
        same=False,
        note="'more than' compatible; also growth over time",
    ),
    P(
        a=S(
            text="Microsoft said it will spend $80 billion on AI data centres in fiscal 2025.",
            source="Cloud Brief",
            published="2025-01-04",
        ),
        b=S(
            text="Microsoft said more than half of the $80 billion will be spent in the United States.",
            source="Cloud Brief",
            published="2025-01-04",
        ),
        flag=None,
        same=False,
        note="same topic, different fact",
    ),
    P(
        a=S(text="Huawei said revenue grew 22% in 2024.", source="China Tech Daily", published="2025-03-31"),
        b=S(text="Huawei said net profit fell 28% in 2024.", source="China Tech Daily", published="2025-03-31"),
        flag=None,
        same=False,
        note="different metrics, opposite verbs",
    ),
    P(
        a=S(
            text="Xiaomi said it delivered 135,000 electric vehicles in 2024.", source="EV Asia", published="2025-01-02"
        ),
        b=S(
            text="Xiaomi said it aims to deliver 350,000 electric vehicles in 2025.",
            source="EV Asia",
            published="2025-01-02",
        ),
        flag=None,
        same=False,
        note="different years; actual vs target",
    ),
    P(
        a=S(
            text="Copernicus said 2024 was 1.6°C above pre-industrial levels.",
            source="Climate Tech Review",
            published="2025-01-10",
        ),
        b=S(
            text="The World Meteorological Organization said 2024 was 1.55°C above pre-industrial levels.",
            source="Energy Monitor Asia",
            published="2025-01-10",
        ),
        flag=None,
        same=False,
        note="different speakers",
    ),
    P(
        a=S(
            text="Copernicus said global average temperature in 2024 was about 1.6°C above pre-industrial levels.",
            source="Climate Tech Review",
            published="2025-01-10",
        ),
        b=S(
            text="Copernicus said global average temperature in 2024 was 1.60°C above pre-industrial levels.",
            source="Grid Watch",
            published="2025-01-10",
        ),
        flag=None,
        same=True,
        note="about 1.6 = 1.60",
    ),
    P(
        a=S(
            text="Counterpoint Research said Apple's share of China's smartphone market was 15% in 2024.",
            source="China Tech Daily",
            published="2025-01-27",
        ),
        b=S(
            text="Counterpoint Research said Huawei's share of China's smartphone market was 16% in 2024.",
            source="China Tech Daily",
            published="2025-01-27",
        ),
        flag=None,
        same=False,
        note="different subjects",
    ),
    P(
        a=S(
            text="India's telecom ministry said 5G covered 99% of districts in 2024.",
            source="Delhi Digital",
            published="2025-02-12",
        ),
        b=S(
            text="India's telecom ministry said 5G covered 82% of the population in 2024.",
            source="Spectrum Times",
            published="2025-02-12",
        ),
        flag=None,
        same=False,
        note="different metrics",
    ),
    P(
        a=S(
            text="Foxconn said it will invest US$250 million in a plant in Vietnam.",
            source="Supply Chain Asia",
            published="2024-09-18",
        ),
        b=S(
            text="Foxconn said it will invest US$250 million in a plant in Mexico.",
            source="Supply Chain Asia",
            published="2024-10-08",
        ),
        flag=None,
        same=False,
        note="same figure, different place",
    ),
    P(
        a=S(text="Arm said its chips are in 99% of smartphones.", source="Chip Ledger", published="2025-02-10"),
        b=S(text="Arm said its chips are in 10% of data centre servers.", source="Server Side", published="2025-02-10"),
        flag=None,
        same=False,
        note="different metric",
    ),
    P(
        a=S(
            text="Anthropic said its run-rate revenue passed $1 billion at the end of 2024.",
            source="AI Wire",
            published="2025-01-10",
        ),
        b=S(
            text="Anthropic said its run-rate revenue reached $4 billion by mid-2025.",
            source="Venture Wire",
            published="2025-07-02",
        ),
        flag=None,
        same=False,
        note="different time reference",
    ),
    P(
        a=S(
            text="Telstra said it would cut 2,800 roles by the end of 2024.",
            source="Down Under Digital",
            published="2024-05-14",
        ),
        b=S(
            text="Optus said it would cut 2,800 roles by the end of 2024.",
            source="Down Under Digital",
            published="2024-05-14",
        ),
        flag=None,
        same=False,
        note="different companies, same figure",
    ),
    P(
        a=S(
            text="Sea Limited said Shopee's gross merchandise value rose 28% in the third quarter.",
            source="Asia Startup Wire",
            published="2024-11-12",
        ),
        b=S(
            text="Sea Limited said Garena's bookings rose 28% in the third quarter.",
            source="Asia Startup Wire",
            published="2024-11-12",
        ),
        flag=None,
        same=False,
        note="different units, same figure",
    ),
    P(
        a=S(
            text="Google said the Gemini model was trained on public web data.",
            source="Model Watch",
            published="2024-04-08",
        ),
        b=S(
            text="Google said the Gemini model was not trained on private Gmail messages.",
            source="AI Wire",
            published="2024-04-09",
        ),
        flag=None,
        same=False,
        note="negation but different objects",
    ),
    P(
        a=S(text="Apple said it will build AI servers in Houston.", source="Silicon Street", published="2025-02-24"),
        b=S(text="Apple said it will not build a car.", source="Silicon Street", published="2024-02-28"),
        flag=None,
        same=False,
        note="negation, different thing",
    ),
    P(
        a=S(
            text="Nvidia said the H20 chip complies with US export rules.", source="Chip Ledger", published="2024-07-01"
        ),
        b=S(
            text="The US Commerce Department said the H20 chip may not comply with export rules.",
            source="Policy Wire",
            published="2025-04-15",
        ),
        flag=None,
        same=False,
        note="different speakers, hedge",
    ),
    P(
        a=S(
            text="IDC said worldwide PC shipments rose 1.8% in the fourth quarter of 2024.",
            source="Desk Report",
            published="2025-01-14",
        ),
        b=S(
            text="Gartner said worldwide PC shipments fell 1.4% in the fourth quarter of 2024.",
            source="Desk Report",
            published="2025-01-14",
        ),
        flag=None,
        same=False,
        note="different speakers, opposite verbs, same outlet and day: a known methodological difference",
    ),
    P(
        a=S(
            text="BloombergNEF said battery pack prices fell 20% in 2024.", source="Volt Times", published="2024-12-10"
        ),
        b=S(
            text="BloombergNEF said battery pack prices fell 14% in 2023.", source="Volt Times", published="2023-11-27"
        ),
        flag=None,
        same=False,
        note="different years",
    ),
    P(
        a=S(text="Kioxia said the IPO raised 120 billion yen.", source="Tokyo Tech Journal", published="2024-12-18"),
        b=S(
            text="Kioxia said the IPO valued the company at 750 billion yen.",
            source="Tokyo Tech Journal",
            published="2024-12-18",
        ),
        flag=None,
        same=False,
        note="different metrics",
    ),
    P(
        a=S(
            text="Singapore's Infocomm Media Development Authority said 5G now covers 95% of the island.",
            source="Lion City Tech",
            published="2024-07-01",
        ),
        b=S(
            text="Singapore's Infocomm Media Development Authority said 5G now covers nearly 95% of the island.",
            source="Asia Startup Wire",
            published="2024-07-02",
        ),
        flag=None,
        same=True,
        note="'nearly 95%' vs 95%: compatible",
    ),
    P(
        a=S(
            text="Samsung said it would cut 4,000 jobs at its display unit this year.",
            source="Seoul Tech Post",
            published="2025-03-12",
        ),
        b=S(
            text="Samsung said it would cut 4,000 jobs at its display unit this year.",
            source="Seoul Tech Post",
            published="2024-03-11",
        ),
        flag=None,
        same=False,
        note="identical text, different years ('this year' differs)",
    ),
    P(
        a=S(
            text="Alibaba said cloud revenue rose 13% in the December quarter.",
            source="China Tech Daily",
            published="2025-02-20",
        ),
        b=S(
            text="Alibaba said cloud revenue rose 18% in the June quarter.",
            source="China Tech Daily",
            published="2025-08-29",
        ),
        flag=None,
        same=False,
        note="different quarters",
    ),
    P(
        a=S(
            text="Micron said it will invest ¥500 billion in a Hiroshima fab.",
            source="Memory Matters",
            published="2023-05-18",
        ),
        b=S(
            text="Micron said it received ¥192 billion in subsidies for the Hiroshima fab.",
            source="Tokyo Tech Journal",
            published="2023-10-03",
        ),
        flag=None,
        same=False,
        note="different metrics",
    ),
    P(
        a=S(
            text="The EU said companies face fines of up to 7% of global turnover under the AI Act.",
            source="Policy Wire",
            published="2024-08-01",
        ),
        b=S(
            text="The EU said companies face fines of up to 4% of global turnover under the GDPR.",
            source="Brussels Tech",
            published="2024-08-01",
        ),
        flag=None,
        same=False,
        note="different laws",
    ),
    P(
        a=S(
            text="The Korea Fair Trade Commission said Google abused its dominance in app payments.",
            source="Seoul Tech Post",
            published="2024-11-05",
        ),
        b=S(
            text="Google said it did not abuse its dominance in app payments.",
            source="Policy Wire",
            published="2024-11-06",
        ),
        flag=None,
        same=False,
        note="a rebuttal by a different speaker; not a self-contradiction",
    ),
    P(
        a=S(
            text="Canalys said smartphone shipments in Southeast Asia rose 4% in the first quarter of 2025.",
            source="Asia Startup Wire",
            published="2025-04-28",
        ),
        b=S(
            text="Canalys said smartphone shipments in Southeast Asia rose 4% in 2024.",
            source="Mobile Ledger",
            published="2025-02-06",
        ),
        flag=None,
        same=False,
        note="quarter vs year, same figure",
    ),
    P(
        a=S(
            text="Infineon said the Kulim fab will employ up to 900 people.", source="Fab Times", published="2024-08-09"
        ),
        b=S(text="Infineon said the Kulim fab will employ 850 people.", source="Malaysia Tech", published="2024-08-09"),
        flag=None,
        same=False,
        note="'up to 900' compatible with 850",
    ),
    P(
        a=S(
            text="The Philippine government said the undersea cable will cost about $300 million.",
            source="Manila Net",
            published="2025-02-06",
        ),
        b=S(
            text="The Philippine government said the undersea cable will cost $290 million.",
            source="Spectrum Times",
            published="2025-02-07",
        ),
        flag=None,
        same=True,
        note="about 300 vs 290 within rounding",
    ),
    P(
        a=S(
            text="SK Hynix said HBM accounted for more than 40% of its DRAM revenue in the fourth quarter.",
            source="Seoul Tech Post",
            published="2025-01-23",
        ),
        b=S(
            text="SK Hynix said HBM accounted for 42% of its DRAM revenue in the fourth quarter.",
            source="Memory Matters",
            published="2025-01-24",
        ),
        flag=None,
        same=False,
        note="'more than 40%' compatible with 42%",
    ),
    P(
        a=S(
            text="Japan's Ministry of Economy, Trade and Industry said it will give Rapidus ¥590 billion in fiscal 2024.",
            source="Tokyo Tech Journal",
            published="2024-04-03",
        ),
        b=S(
            text="Japan's Ministry of Economy, Trade and Industry said it will give TSMC's Kumamoto fab ¥732 billion.",
            source="Fab Times",
            published="2024-02-24",
        ),
        flag=None,
        same=False,
        note="different recipients",
    ),
    P(
        a=S(
            text="Meta said daily active users of its apps increased in the fourth quarter.",
            source="Social Tech",
            published="2025-01-30",
        ),
        b=S(
            text="Meta said Reality Labs losses increased in the fourth quarter.",
            source="Social Tech",
            published="2025-01-30",
        ),
        flag=None,
        same=False,
        note="same verb, different metric",
    ),
    P(
        a=S(
            text="Amazon said it will use nuclear power for its Virginia data centres.",
            source="Grid Watch",
            published="2024-10-16",
        ),
        b=S(
            text="Amazon said it could use gas turbines for its Virginia data centres.",
            source="Rack Report",
            published="2024-10-17",
        ),
        flag=None,
        same=False,
        note="different fact, hedged",
    ),
    P(
        a=S(
            text="IDC said AI spending in Asia-Pacific will reach $110 billion by 2028.",
            source="Asia Markets Tech",
            published="2024-09-10",
        ),
        b=S(
            text="IDC said global AI spending will reach $632 billion by 2028.",
            source="AI Wire",
            published="2024-08-19",
        ),
        flag=None,
        same=False,
        note="region vs global",
    ),
    P(
        a=S(
            text="Xiaomi said smartphone margins improved in the quarter.",
            source="Handset Daily",
            published="2025-05-27",
        ),
        b=S(text="Xiaomi said EV margins improved in the quarter.", source="Handset Daily", published="2025-05-27"),
        flag=None,
        same=False,
        note="different products",
    ),
    P(
        a=S(
            text="Intel said it would lay off about 15% of its workforce.", source="Chip Ledger", published="2024-08-01"
        ),
        b=S(
            text="Intel said it would lay off about 15,000 employees.", source="Silicon Street", published="2024-08-01"
        ),
        flag=None,
        same=False,
        note="percent vs count, consistent",
    ),
    P(
        a=S(
            text="Counterpoint Research forecast that foldable shipments will grow 10% in 2025.",
            source="Handset Daily",
            published="2024-12-03",
        ),
        b=S(
            text="Counterpoint Research forecast that foldable shipments will grow 6% in 2025.",
            source="Mobile Ledger",
            published="2024-12-20",
        ),
        flag="figure_conflict",
        same=False,
        note="17 days apart: too close for a revision",
    ),
    P(
        a=S(text="Nvidia said it will invest up to $100 billion in OpenAI.", source="AI Wire", published="2025-09-22"),
        b=S(
            text="Nvidia said its first investment in OpenAI will be $10 billion.",
            source="Model Watch",
            published="2025-09-23",
        ),
        flag=None,
        same=False,
        note="total vs first tranche: compatible",
    ),
    P(
        a=S(
            text="Grab said it turned its first full-year profit in 2024.",
            source="Asia Startup Wire",
            published="2025-02-20",
        ),
        b=S(text="Grab said it did not turn a full-year profit in 2023.", source="Ride Tech", published="2024-02-22"),
        flag=None,
        same=False,
        note="negation but different years",
    ),
    P(
        a=S(text="Tesla said it delivered 1.79 million vehicles in 2024.", source="EV Asia", published="2025-01-02"),
        b=S(
            text="BYD said it delivered 1.76 million battery electric vehicles in 2024.",
            source="EV Asia",
            published="2025-01-02",
        ),
        flag=None,
        same=False,
        note="different companies",
    ),
    P(
        a=S(
            text="The IMF said generative AI could affect 40% of jobs worldwide.",
            source="AI Wire",
            published="2024-01-15",
        ),
        b=S(
            text="The IMF said generative AI could affect 60% of jobs in advanced economies.",
            source="AI Wire",
            published="2024-01-15",
        ),
        flag=None,
        same=False,
        note="global vs advanced economies",
    ),
    P(
        a=S(
            text="Synergy Research Group said AWS held 30% of the cloud market in the first quarter of 2025.",
            source="Cloud Brief",
            published="2025-05-02",
        ),
        b=S(
            text="Synergy Research Group said Microsoft held 21% of the cloud market in the first quarter of 2025.",
            source="Cloud Brief",
            published="2025-05-02",
        ),
        flag=None,
        same=False,
        note="different subjects",
    ),
    P(
        a=S(
            text="The Australian government said the social media ban takes effect in December 2025.",
            source="Down Under Digital",
            published="2025-07-30",
        ),
        b=S(
            text="The Australian government said the social media ban applies to users under 16.",
            source="Down Under Digital",
            published="2025-07-30",
        ),
        flag=None,
        same=False,
        note="same topic, different facts",
    ),
    P(
        a=S(text="OpenAI said GPT-5 will be released in 2025.", source="Model Watch", published="2025-02-12"),
        b=S(text="OpenAI said GPT-5 might not be released in 2025.", source="Model Watch", published="2025-02-13"),
        flag=None,
        same=False,
        note="hedged negation is not a denial",
    ),
]

FORECASTS = [
    dict(
        text="IDC expects AI spending to reach $300 billion by 2026.",
        published="2024-05-01",
        today="2027-02-01",
        due=True,
    ),
    dict(
        text="IDC expects AI spending to reach $300 billion by 2026.",
        published="2024-05-01",
        today="2026-03-01",
        due=False,
    ),
    dict(
        text="Gartner predicts that by 2025, 30% of enterprises will use synthetic data.",
        published="2023-09-01",
        today="2026-11-24",
        due=True,
    ),
    dict(
        text="Canalys said global smartphone shipments rose 7% in 2024.",
        published="2025-01-16",
        today="2026-11-24",
        due=False,
    ),
    dict(
        text="The IEA said data centre electricity demand will more than double by 2030.",
        published="2025-04-10",
        today="2026-11-24",
        due=False,
    ),
    dict(text="TSMC said it will start 2nm production in 2025.", published="2024-04-18", today="2026-11-24", due=True),
    dict(
        text="Samsung said operating profit fell 29% in the third quarter of 2024.",
        published="2024-10-31",
        today="2026-11-24",
        due=False,
    ),
    dict(
        text="Omdia forecast that 5G subscriptions in Southeast Asia will reach 300 million in 2027.",
        published="2024-03-08",
        today="2026-11-24",
        due=False,
    ),
    dict(
        text="Omdia forecast that 5G subscriptions in Southeast Asia will reach 300 million in 2027.",
        published="2024-03-08",
        today="2028-01-15",
        due=True,
    ),
    dict(
        text="Intel said its 18A process could be ready by 2025.", published="2024-02-21", today="2026-11-24", due=True
    ),
    dict(
        text="Microsoft said it spent $55 billion on capital expenditure in fiscal 2024.",
        published="2024-07-30",
        today="2026-11-24",
        due=False,
    ),
    dict(
        text="Singapore aims to triple its AI workforce to 15,000 by 2028, the government said.",
        published="2023-12-04",
        today="2026-11-24",
        due=False,
    ),
    dict(
        text="Rapidus said it plans to begin mass production of 2nm chips in 2027.",
        published="2024-04-02",
        today="2026-11-24",
        due=False,
    ),
    dict(
        text="Bloomberg Intelligence estimated the generative AI market will be worth $1.3 trillion by 2032.",
        published="2023-06-01",
        today="2026-11-24",
        due=False,
    ),
    dict(
        text="Counterpoint Research said foldable shipments grew 12% in the first half of 2023.",
        published="2023-08-20",
        today="2026-11-24",
        due=False,
    ),
    dict(
        text="Apple said it may launch a foldable iPhone in 2026.", published="2025-03-10", today="2027-01-05", due=True
    ),
    dict(
        text="Apple said it may launch a foldable iPhone in 2026.",
        published="2025-03-10",
        today="2026-11-24",
        due=False,
    ),
    dict(
        text="Gartner forecast that worldwide IT spending will grow 9.8% in 2025.",
        published="2025-01-21",
        today="2026-11-24",
        due=True,
    ),
    dict(
        text="In 2022, Nvidia said data centre revenue was $15 billion.",
        published="2023-02-22",
        today="2026-11-24",
        due=False,
    ),
    dict(
        text="The Indian government expects the semiconductor market to be worth $100 billion by 2030.",
        published="2024-09-11",
        today="2026-11-24",
        due=False,
    ),
    dict(
        text="AEMO said data centres could use 8% of grid electricity by 2030.",
        published="2025-03-19",
        today="2031-02-01",
        due=True,
    ),
    dict(
        text="Xiaomi said it aims to deliver 350,000 electric vehicles in 2025.",
        published="2025-01-02",
        today="2026-11-24",
        due=True,
    ),
    dict(
        text="Tesla said it delivered 1.79 million vehicles in 2024.",
        published="2025-01-02",
        today="2026-11-24",
        due=False,
    ),
    dict(
        text="The EU's AI Act will apply in full from 2026, the European Commission said.",
        published="2024-08-01",
        today="2026-11-24",
        due=False,
    ),
    dict(
        text="Huawei said revenue grew 22% in 2024, its fastest pace since 2016.",
        published="2025-03-31",
        today="2026-11-24",
        due=False,
    ),
    dict(
        text="BloombergNEF expects battery pack prices to fall below $100 per kWh by 2026.",
        published="2024-12-10",
        today="2027-03-01",
        due=True,
    ),
    dict(text="SoftBank said it was founded in 1981.", published="2025-01-22", today="2026-11-24", due=False),
    dict(
        text="Vietnam said it hopes to train 50,000 chip engineers by 2030.",
        published="2024-09-21",
        today="2026-11-24",
        due=False,
    ),
]
