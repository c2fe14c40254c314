"""Hand-labelled claim pairs, held out: written after the detectors in kb/contradict.py
were frozen for this round and never used to tune them (the figures measured on it are
reported as they came). Same format and labelling rules as pairs_lead.py (README.md).
"""

S = dict  # one side: text, source, published (YYYY-MM-DD)
P = dict  # a pair: a, b, flag, same, note

PAIRS = [
    # -- figure conflicts --------------------------------------------------------------
    P(
        a=S(
            text="Xiaomi said it shipped 42 million smartphones in the third quarter.",
            source="Handset Hub",
            published="2024-11-18",
        ),
        b=S(
            text="Xiaomi said it shipped 24 million smartphones in the third quarter.",
            source="Pacific Byte",
            published="2024-11-19",
        ),
        flag="figure_conflict",
        same=False,
        note="digits swapped",
    ),
    P(
        a=S(
            text="SK Hynix said HBM accounted for 40% of its DRAM revenue in the fourth quarter.",
            source="Seoul Tech",
            published="2025-01-23",
        ),
        b=S(
            text="SK Hynix said HBM accounted for 30% of its DRAM revenue in the fourth quarter.",
            source="Chip Ledger",
            published="2025-01-23",
        ),
        flag="figure_conflict",
        same=False,
        note="percent, same quarter",
    ),
    P(
        a=S(
            text="Grab said it had 41 million monthly transacting users at the end of 2024.",
            source="Venture Wire",
            published="2025-02-20",
        ),
        b=S(
            text="Grab said it had 14 million monthly transacting users at the end of 2024.",
            source="Deal Street",
            published="2025-02-21",
        ),
        flag="figure_conflict",
        same=False,
        note="count",
    ),
    P(
        a=S(
            text="The ministry said the subsidy programme would cost S$1.2 billion over five years.",
            source="Policy Wire",
            published="2024-06-03",
        ),
        b=S(
            text="The ministry said the subsidy programme would cost S$2.1 billion over five years.",
            source="Deal Street",
            published="2024-06-04",
        ),
        flag=None,
        same=False,
        note="'the ministry' is unnamed: no shared speaker",
    ),
    P(
        a=S(text="Infineon said it would cut 1,400 jobs worldwide.", source="Euro Chips", published="2024-08-05"),
        b=S(text="Infineon said it would cut 4,100 jobs worldwide.", source="Fab Watch", published="2024-08-05"),
        flag="figure_conflict",
        same=False,
        note="jobs",
    ),
    P(
        a=S(
            text="Foxconn said revenue rose 15% in January from a year earlier.",
            source="Pacific Byte",
            published="2025-02-05",
        ),
        b=S(
            text="Foxconn said revenue rose 5% in January from a year earlier.",
            source="Chip Ledger",
            published="2025-02-05",
        ),
        flag="figure_conflict",
        same=False,
        note="same month",
    ),
    P(
        a=S(
            text="Cascade Plains Power said the new line will carry 2 GW of wind power to the data-centre cluster.",
            source="Grid Watch",
            published="2024-10-10",
        ),
        b=S(
            text="Cascade Plains Power said the new line will carry 1.2 GW of wind power to the data-centre cluster.",
            source="Volt Times",
            published="2024-10-11",
        ),
        flag="figure_conflict",
        same=False,
        note="GW",
    ),
    P(
        a=S(
            text="Anthropic said the model scored 49% on the coding benchmark.",
            source="AI Desk",
            published="2024-10-22",
        ),
        b=S(
            text="Anthropic said the model scored 94% on the coding benchmark.",
            source="Byte Line",
            published="2024-10-23",
        ),
        flag="figure_conflict",
        same=False,
        note="benchmark score",
    ),
    P(
        a=S(
            text="Fernhill Labs said its survey of 2,000 developers found 62% use AI assistants daily.",
            source="Byte Line",
            published="2025-03-03",
        ),
        b=S(
            text="Fernhill Labs said its survey of 2,000 developers found 26% use AI assistants daily.",
            source="AI Desk",
            published="2025-03-04",
        ),
        flag="figure_conflict",
        same=False,
        note="percent with a shared count",
    ),
    P(
        a=S(text="Sony said PlayStation 5 sales reached 65 million units.", source="Desk Top", published="2024-11-08"),
        b=S(
            text="Sony said PlayStation 5 sales reached 56 million units.",
            source="Pacific Byte",
            published="2024-11-08",
        ),
        flag="figure_conflict",
        same=False,
        note="units",
    ),
    P(
        a=S(
            text="Baidu said its robotaxi fleet completed 1.1 million rides in the quarter.",
            source="AI Desk",
            published="2024-11-21",
        ),
        b=S(
            text="Baidu said its robotaxi fleet completed 11 million rides in the quarter.",
            source="Pacific Byte",
            published="2024-11-21",
        ),
        flag="figure_conflict",
        same=False,
        note="order of magnitude",
    ),
    P(
        a=S(
            text="ASML said it expects 2025 sales of between €30 billion and €35 billion.",
            source="Euro Chips",
            published="2024-11-14",
        ),
        b=S(text="ASML said it expects 2025 sales of €40 billion.", source="Fab Watch", published="2024-11-15"),
        flag="figure_conflict",
        same=False,
        note="value outside the range",
    ),
    P(
        a=S(
            text="Equinix said the Tokyo facility will host 10,000 GPUs.", source="Rack Report", published="2025-01-12"
        ),
        b=S(
            text="Equinix said the Tokyo facility will host 100,000 GPUs.", source="Server Side", published="2025-01-13"
        ),
        flag="figure_conflict",
        same=False,
        note="GPUs",
    ),
    P(
        a=S(text="Ola Electric said it sold 30,000 scooters in October.", source="EV Pulse", published="2024-11-02"),
        b=S(text="Ola Electric said it sold 41,000 scooters in October.", source="Volt Times", published="2024-11-02"),
        flag="figure_conflict",
        same=False,
        note="same month",
    ),
    P(
        a=S(
            text="The operator said the facility runs its cold aisle at 27°C.",
            source="Green Bytes",
            published="2024-07-07",
        ),
        b=S(
            text="The operator said the facility runs its cold aisle at 18°C.",
            source="Rack Report",
            published="2024-07-08",
        ),
        flag=None,
        same=False,
        note="unnamed operator: no shared speaker",
    ),
    P(
        a=S(text="Nokia said it would cut costs by €800 million by 2026.", source="Euro Chips", published="2023-10-19"),
        b=S(text="Nokia said it would cut costs by €1.2 billion by 2026.", source="Euro Chips", published="2023-10-20"),
        flag="figure_conflict",
        same=False,
        note="one day apart: a conflict, not a revision",
    ),
    # -- revisions ---------------------------------------------------------------------
    P(
        a=S(
            text="Gartner expects semiconductor revenue to grow 17% in 2024, the firm said.",
            source="Chip Ledger",
            published="2023-12-04",
        ),
        b=S(
            text="Gartner expects semiconductor revenue to grow 19% in 2024, the firm said.",
            source="Chip Ledger",
            published="2024-10-28",
        ),
        flag="revision",
        same=False,
        note="raised",
    ),
    P(
        a=S(
            text="Samsung said it plans to invest $17 billion in its Texas fab.",
            source="Fab Watch",
            published="2021-11-24",
        ),
        b=S(
            text="Samsung said it plans to invest $37 billion in its Texas fab.",
            source="Fab Watch",
            published="2024-04-15",
        ),
        flag="revision",
        same=False,
        note="raised, years later",
    ),
    P(
        a=S(
            text="Omdia said it expects 1.2 billion smartphones to ship in 2025.",
            source="Handset Hub",
            published="2024-06-01",
        ),
        b=S(
            text="Omdia said it expects 1.25 billion smartphones to ship in 2025.",
            source="Handset Hub",
            published="2025-01-10",
        ),
        flag="revision",
        same=False,
        note="updated",
    ),
    P(
        a=S(
            text="Tesla said it expects to deliver 500,000 vehicles in 2022.", source="EV Pulse", published="2021-10-20"
        ),
        b=S(
            text="Tesla said it expects to deliver 1.3 million vehicles in 2022.",
            source="EV Pulse",
            published="2022-07-20",
        ),
        flag="revision",
        same=False,
        note="updated guidance",
    ),
    P(
        a=S(
            text="The Semiconductor Industry Association projected that the market would grow 13% in 2024.",
            source="Chip Ledger",
            published="2024-02-05",
        ),
        b=S(
            text="The Semiconductor Industry Association projected that the market would grow 19% in 2024.",
            source="Chip Ledger",
            published="2024-12-03",
        ),
        flag="revision",
        same=False,
        note="raised",
    ),
    P(
        a=S(
            text="Qualcomm said it expects handset chip revenue to grow 10% in fiscal 2025.",
            source="Handset Hub",
            published="2024-11-06",
        ),
        b=S(
            text="Qualcomm said it expects handset chip revenue to grow 6% in fiscal 2025.",
            source="Mobile Mint",
            published="2025-04-30",
        ),
        flag="revision",
        same=False,
        note="cut",
    ),
    # -- polarity ----------------------------------------------------------------------
    P(
        a=S(
            text="Microsoft said the update fixed the login problem for all users.",
            source="Cloud Beat",
            published="2025-03-03",
        ),
        b=S(
            text="Microsoft said the update has not fixed the login problem for all users.",
            source="Ops Weekly",
            published="2025-03-04",
        ),
        flag="polarity",
        same=False,
        note="negation",
    ),
    P(
        a=S(text="Huawei said it is building its own AI training chips.", source="Chip Ledger", published="2024-09-01"),
        b=S(
            text="Huawei said it is not building its own AI training chips.",
            source="Pacific Byte",
            published="2024-09-02",
        ),
        flag="polarity",
        same=False,
        note="negation",
    ),
    P(
        a=S(
            text="IDC said tablet shipments rose in Europe in the second quarter.",
            source="Pacific Byte",
            published="2024-08-01",
        ),
        b=S(
            text="IDC said tablet shipments declined in Europe in the second quarter.",
            source="Handset Hub",
            published="2024-08-02",
        ),
        flag="polarity",
        same=False,
        note="rose/declined",
    ),
    P(
        a=S(text="The startup Kestrel Security said it paid the ransom.", source="Cyber Daily", published="2024-12-01"),
        b=S(text="Kestrel Security said it did not pay the ransom.", source="Net Defender", published="2024-12-02"),
        flag="polarity",
        same=False,
        note="did not",
    ),
    P(
        a=S(text="Netflix said subscriber growth slowed in the quarter.", source="Desk Top", published="2024-10-17"),
        b=S(
            text="Netflix said subscriber growth accelerated in the quarter.",
            source="Pacific Byte",
            published="2024-10-18",
        ),
        flag="polarity",
        same=False,
        note="slowed/accelerated: antonyms outside the verb list",
    ),
    P(
        a=S(text="Google said Gemini was trained on YouTube videos.", source="AI Desk", published="2024-05-20"),
        b=S(text="Google said Gemini was never trained on YouTube videos.", source="Byte Line", published="2024-05-21"),
        flag="polarity",
        same=False,
        note="never",
    ),
    P(
        a=S(text="Intel said the foundry unit will be spun off.", source="Fab Watch", published="2024-09-17"),
        b=S(text="Intel said the foundry unit might be spun off.", source="Chip Ledger", published="2024-09-17"),
        flag=None,
        same=False,
        note="hedged vs firm: not a denial",
    ),
    P(
        a=S(text="Amazon said Prime Video will show ads in Australia.", source="Desk Top", published="2024-04-01"),
        b=S(
            text="Amazon said Prime Video will not show ads in Australia.",
            source="Pacific Byte",
            published="2024-04-02",
        ),
        flag="polarity",
        same=False,
        note="will not",
    ),
    # -- the same claim ------------------------------------------------------------------
    P(
        a=S(
            text="SK Hynix said its fourth-quarter operating profit was 8.1 trillion won.",
            source="Seoul Tech",
            published="2025-01-23",
        ),
        b=S(
            text="Operating profit at SK Hynix reached 8.1 trillion won in the fourth quarter, the company said.",
            source="Chip Ledger",
            published="2025-01-23",
        ),
        flag=None,
        same=True,
        note="paraphrase",
    ),
    P(
        a=S(
            text="Grab said it turned its first full-year profit in 2024.",
            source="Venture Wire",
            published="2025-02-20",
        ),
        b=S(
            text="Grab reported its first annual profit for 2024, the company said.",
            source="Deal Street",
            published="2025-02-20",
        ),
        flag=None,
        same=True,
        note="paraphrase",
    ),
    P(
        a=S(text="Huang said demand for Blackwell was incredible.", source="Server Side", published="2024-10-03"),
        b=S(
            text="Nvidia chief executive Jensen Huang said Blackwell demand was insane.",
            source="Chip Ledger",
            published="2024-10-03",
        ),
        flag=None,
        same=True,
        note="same quote reworded",
    ),
    P(
        a=S(
            text="Apple said the iPhone 16e will go on sale on 28 February for $599.",
            source="Handset Hub",
            published="2025-02-19",
        ),
        b=S(
            text="The iPhone 16e goes on sale on 28 February, priced at US$599, Apple said.",
            source="Mobile Mint",
            published="2025-02-19",
        ),
        flag=None,
        same=True,
        note="paraphrase",
    ),
    P(
        a=S(
            text="The International Energy Agency said data-centre electricity use could double by 2026.",
            source="Grid Watch",
            published="2024-01-24",
        ),
        b=S(
            text="Electricity consumption by data centres could double by 2026, according to the International Energy Agency.",
            source="Green Bytes",
            published="2024-01-25",
        ),
        flag=None,
        same=True,
        note="paraphrase, both hedged",
    ),
    P(
        a=S(
            text="Sony said it has sold 65.5 million PlayStation 5 consoles.", source="Desk Top", published="2024-11-08"
        ),
        b=S(
            text="Sony has sold more than 65 million PlayStation 5 units, the company said.",
            source="Pacific Byte",
            published="2024-11-08",
        ),
        flag=None,
        same=True,
        note="65.5 million is more than 65 million",
    ),
    P(
        a=S(
            text="Alibaba said it would invest 380 billion yuan in cloud and AI infrastructure over three years.",
            source="Cloud Beat",
            published="2025-02-24",
        ),
        b=S(
            text="Alibaba plans to spend 380 billion yuan on AI and cloud computing infrastructure over the next three years, the company said.",
            source="AI Desk",
            published="2025-02-24",
        ),
        flag=None,
        same=True,
        note="paraphrase",
    ),
    P(
        a=S(text="Infineon said it would cut 1,400 jobs worldwide.", source="Euro Chips", published="2024-08-05"),
        b=S(
            text="Infineon plans to eliminate 1,400 positions globally, the chipmaker said.",
            source="Fab Watch",
            published="2024-08-05",
        ),
        flag=None,
        same=True,
        note="paraphrase",
    ),
    P(
        a=S(text="OpenAI said ChatGPT has 300 million weekly users.", source="AI Desk", published="2024-12-04"),
        b=S(
            text="ChatGPT now has 300 million people using it every week, OpenAI said.",
            source="Byte Line",
            published="2024-12-05",
        ),
        flag=None,
        same=True,
        note="paraphrase",
    ),
    P(
        a=S(text="Rivian said it would build 50,000 vehicles in 2024.", source="EV Pulse", published="2024-02-21"),
        b=S(
            text="Rivian expects to produce 50,000 vehicles in 2024, the company said.",
            source="Volt Times",
            published="2024-02-22",
        ),
        flag=None,
        same=True,
        note="paraphrase",
    ),
    P(
        a=S(
            text="TSMC said its Arizona fab began volume production in the fourth quarter of 2024.",
            source="Fab Watch",
            published="2025-01-16",
        ),
        b=S(
            text="Volume production at TSMC's Arizona plant started in the fourth quarter of 2024, the company said.",
            source="Chip Ledger",
            published="2025-01-17",
        ),
        flag=None,
        same=True,
        note="paraphrase",
    ),
    P(
        a=S(
            text="Cloudflare said it blocked a record 5.6 terabits-per-second attack.",
            source="Net Defender",
            published="2025-01-21",
        ),
        b=S(
            text="The largest attack Cloudflare has blocked peaked at 5.6 terabits per second, the company said.",
            source="Cyber Daily",
            published="2025-01-22",
        ),
        flag=None,
        same=True,
        note="paraphrase",
    ),
    # -- look-alikes that are not conflicts -----------------------------------------------
    P(
        a=S(
            text="Xiaomi said it shipped 42 million smartphones in the third quarter.",
            source="Handset Hub",
            published="2024-11-18",
        ),
        b=S(
            text="Xiaomi said it shipped 40 million smartphones in the second quarter.",
            source="Handset Hub",
            published="2024-08-20",
        ),
        flag=None,
        same=False,
        note="different quarters",
    ),
    P(
        a=S(
            text="Samsung said it shipped 58 million smartphones in the third quarter.",
            source="Seoul Tech",
            published="2024-10-31",
        ),
        b=S(
            text="Apple said it shipped 55 million iPhones in the third quarter.",
            source="Handset Hub",
            published="2024-10-31",
        ),
        flag=None,
        same=False,
        note="different companies",
    ),
    P(
        a=S(text="Grab said revenue rose 19% in 2024.", source="Venture Wire", published="2025-02-20"),
        b=S(text="Grab said deliveries revenue rose 12% in 2024.", source="Deal Street", published="2025-02-20"),
        flag=None,
        same=False,
        note="total vs segment",
    ),
    P(
        a=S(text="The EU AI Act bans social scoring from February 2025.", source="Policy Wire", published="2025-01-30"),
        b=S(
            text="The EU AI Act's rules for general-purpose models apply from August 2025.",
            source="Euro Chips",
            published="2025-01-30",
        ),
        flag=None,
        same=False,
        note="different provisions and months",
    ),
    P(
        a=S(
            text="SK Hynix said HBM accounted for 40% of its DRAM revenue in the fourth quarter.",
            source="Seoul Tech",
            published="2025-01-23",
        ),
        b=S(
            text="SK Hynix said HBM accounted for 30% of its DRAM revenue in the third quarter.",
            source="Chip Ledger",
            published="2024-10-24",
        ),
        flag=None,
        same=False,
        note="different quarters",
    ),
    P(
        a=S(text="Ola Electric said it sold 30,000 scooters in October.", source="EV Pulse", published="2024-11-02"),
        b=S(text="Ather Energy said it sold 20,000 scooters in October.", source="EV Pulse", published="2024-11-02"),
        flag=None,
        same=False,
        note="different makers",
    ),
    P(
        a=S(
            text="Nvidia said data-centre revenue was $35.6 billion in the quarter.",
            source="Server Side",
            published="2025-02-26",
        ),
        b=S(
            text="Nvidia said gaming revenue was $2.5 billion in the quarter.",
            source="Desk Top",
            published="2025-02-26",
        ),
        flag=None,
        same=False,
        note="different segments",
    ),
    P(
        a=S(
            text="Meta said it expects 2025 capital expenditure of $60 billion to $65 billion.",
            source="Deal Street",
            published="2025-01-29",
        ),
        b=S(
            text="Meta said 2025 capital expenditure would be about $62 billion.",
            source="Server Side",
            published="2025-01-30",
        ),
        flag=None,
        same=False,
        note="within the range",
    ),
    P(
        a=S(
            text="Equinix said the Tokyo facility will host 10,000 GPUs.", source="Rack Report", published="2025-01-12"
        ),
        b=S(text="Equinix said the Osaka facility will host 6,000 GPUs.", source="Server Side", published="2025-01-13"),
        flag=None,
        same=False,
        note="different facilities",
    ),
    P(
        a=S(
            text="Anthropic said the model scored 49% on the coding benchmark.",
            source="AI Desk",
            published="2024-10-22",
        ),
        b=S(
            text="Anthropic said the previous model scored 33% on the coding benchmark.",
            source="Byte Line",
            published="2024-10-23",
        ),
        flag=None,
        same=False,
        note="different models, no identifiers",
    ),
    P(
        a=S(
            text="The regulator said it had received 300 complaints about the app.",
            source="Policy Wire",
            published="2024-05-05",
        ),
        b=S(
            text="The regulator said it had received more than 250 complaints about the app.",
            source="Cyber Daily",
            published="2024-05-06",
        ),
        flag=None,
        same=False,
        note="compatible bound",
    ),
    P(
        a=S(text="Tesla said it delivered 1.79 million vehicles in 2024.", source="EV Pulse", published="2025-01-02"),
        b=S(
            text="Tesla said it delivered about 1.8 million vehicles in 2024.",
            source="Volt Times",
            published="2025-01-02",
        ),
        flag=None,
        same=True,
        note="rounding",
    ),
    P(
        a=S(text="Sony said PlayStation 5 sales reached 65 million units.", source="Desk Top", published="2024-11-08"),
        b=S(text="Sony said PlayStation 4 sales reached 117 million units.", source="Desk Top", published="2024-11-08"),
        flag=None,
        same=False,
        note="different products: PS5 vs PS4",
    ),
    P(
        a=S(
            text="Foxconn said revenue rose 15% in January from a year earlier.",
            source="Pacific Byte",
            published="2025-02-05",
        ),
        b=S(
            text="Foxconn said revenue fell 12% in February from January.", source="Chip Ledger", published="2025-03-05"
        ),
        flag=None,
        same=False,
        note="different months, opposite verbs",
    ),
    P(
        a=S(
            text="Cascade Plains Power said the line will carry 2 GW of wind power.",
            source="Grid Watch",
            published="2024-10-10",
        ),
        b=S(
            text="Cascade Plains Power said the line will cost $2 billion.", source="Volt Times", published="2024-10-11"
        ),
        flag=None,
        same=False,
        note="2 GW vs $2 billion: different units",
    ),
    P(
        a=S(text="Infineon said it would cut 1,400 jobs worldwide.", source="Euro Chips", published="2024-08-05"),
        b=S(
            text="Infineon said it would hire 1,000 engineers in Malaysia.", source="Fab Watch", published="2024-08-06"
        ),
        flag=None,
        same=False,
        note="different actions",
    ),
    P(
        a=S(
            text="Microsoft said the outage affected customers in Europe.", source="Cloud Beat", published="2025-03-03"
        ),
        b=S(
            text="Microsoft said the outage did not affect customers in Asia.",
            source="Ops Weekly",
            published="2025-03-03",
        ),
        flag=None,
        same=False,
        note="negation about a different region",
    ),
    P(
        a=S(text="Amazon said Prime Video will show ads in Australia.", source="Desk Top", published="2024-04-01"),
        b=S(
            text="Amazon said Prime Video will not show ads in Japan this year.",
            source="Pacific Byte",
            published="2024-04-02",
        ),
        flag=None,
        same=False,
        note="different country",
    ),
    P(
        a=S(
            text="IDC said PC shipments rose 1.8% in the fourth quarter of 2024.",
            source="Desk Top",
            published="2025-01-13",
        ),
        b=S(
            text="Canalys said PC shipments rose 4.6% in the fourth quarter of 2024.",
            source="Desk Top",
            published="2025-01-13",
        ),
        flag=None,
        same=False,
        note="different firms",
    ),
    P(
        a=S(
            text="Grab said it had 41 million monthly transacting users at the end of 2024.",
            source="Venture Wire",
            published="2025-02-20",
        ),
        b=S(
            text="Grab said it had 38 million monthly transacting users at the end of 2023.",
            source="Deal Street",
            published="2024-02-22",
        ),
        flag=None,
        same=False,
        note="different years",
    ),
    P(
        a=S(text="Huang said Nvidia will ship Rubin chips in 2026.", source="Server Side", published="2024-06-02"),
        b=S(
            text="Huang said Nvidia will ship Blackwell Ultra chips in 2025.",
            source="Chip Ledger",
            published="2024-06-02",
        ),
        flag=None,
        same=False,
        note="different products and years",
    ),
    P(
        a=S(
            text="The company said the breach affected 2 million users in Indonesia.",
            source="Cyber Daily",
            published="2024-07-01",
        ),
        b=S(
            text="The company said the breach affected 3 million users in the Philippines.",
            source="Net Defender",
            published="2024-07-02",
        ),
        flag=None,
        same=False,
        note="different countries, unnamed company",
    ),
    P(
        a=S(
            text="Samsung said its operating profit rose to 6.5 trillion won.",
            source="Seoul Tech",
            published="2025-01-08",
        ),
        b=S(
            text="Samsung said its operating profit would be about 6.5 trillion won, below forecasts.",
            source="Chip Ledger",
            published="2025-01-08",
        ),
        flag=None,
        same=True,
        note="same figure, extra context",
    ),
    # -- second batch, written before the first measurement was looked at ----------------
    P(
        a=S(text="MediaTek said revenue grew 26% in 2024.", source="Chip Ledger", published="2025-02-07"),
        b=S(text="MediaTek said revenue grew 22% in 2024.", source="Pacific Byte", published="2025-02-08"),
        flag="figure_conflict",
        same=False,
        note="percent",
    ),
    P(
        a=S(
            text="Shopee said orders in Vietnam rose 30% during the sale.",
            source="Venture Wire",
            published="2024-11-12",
        ),
        b=S(
            text="Shopee said orders in Vietnam rose 13% during the sale.", source="Deal Street", published="2024-11-12"
        ),
        flag="figure_conflict",
        same=False,
        note="transposed",
    ),
    P(
        a=S(
            text="BYD said the charger adds 400 km of range in five minutes.", source="EV Pulse", published="2025-03-18"
        ),
        b=S(
            text="BYD said the charger adds 470 km of range in five minutes.",
            source="Volt Times",
            published="2025-03-18",
        ),
        flag="figure_conflict",
        same=False,
        note="km",
    ),
    P(
        a=S(
            text="The Reserve Bank of India said digital payments grew 44% in the year to March.",
            source="Policy Wire",
            published="2024-05-30",
        ),
        b=S(
            text="The Reserve Bank of India said digital payments grew 34% in the year to March.",
            source="Deal Street",
            published="2024-05-31",
        ),
        flag="figure_conflict",
        same=False,
        note="percent",
    ),
    P(
        a=S(text="Telstra said the outage lasted 90 minutes.", source="Ops Weekly", published="2024-03-01"),
        b=S(text="Telstra said the outage lasted nine hours.", source="Net Defender", published="2024-03-01"),
        flag="figure_conflict",
        same=False,
        note="minutes vs hours: different units, a journalist still flags",
    ),
    P(
        a=S(
            text="Lenovo said it expects AI PCs to make up 30% of its shipments in 2025.",
            source="Desk Top",
            published="2024-05-23",
        ),
        b=S(
            text="Lenovo said it expects AI PCs to make up 50% of its shipments in 2025.",
            source="Desk Top",
            published="2025-01-09",
        ),
        flag="revision",
        same=False,
        note="raised eight months later",
    ),
    P(
        a=S(
            text="Sea Limited said it expects Shopee's gross merchandise value to grow in the mid-teens in 2024.",
            source="Venture Wire",
            published="2024-03-05",
        ),
        b=S(
            text="Sea Limited said it now expects Shopee's gross merchandise value to grow more than 20% in 2024.",
            source="Venture Wire",
            published="2024-08-13",
        ),
        flag="revision",
        same=False,
        note="words vs figure: a raised outlook",
    ),
    P(
        a=S(text="Palantir said it has won the army contract.", source="Deal Street", published="2024-05-30"),
        b=S(text="Palantir said it has not won the army contract.", source="Policy Wire", published="2024-05-31"),
        flag="polarity",
        same=False,
        note="negation",
    ),
    P(
        a=S(text="Zoom said revenue increased in the quarter.", source="Cloud Beat", published="2024-11-25"),
        b=S(text="Zoom said revenue decreased in the quarter.", source="Deal Street", published="2024-11-26"),
        flag="polarity",
        same=False,
        note="increased/decreased",
    ),
    P(
        a=S(text="The start-up said its chips are made by TSMC.", source="Chip Ledger", published="2024-06-06"),
        b=S(text="The start-up said its chips are not made by TSMC.", source="Fab Watch", published="2024-06-07"),
        flag="polarity",
        same=False,
        note="negation, unnamed speaker but TSMC named on both",
    ),
    P(
        a=S(text="MediaTek said revenue grew 26% in 2024.", source="Chip Ledger", published="2025-02-07"),
        b=S(
            text="Revenue at MediaTek rose 26% last year, the chip designer said.",
            source="Pacific Byte",
            published="2025-02-08",
        ),
        flag=None,
        same=True,
        note="paraphrase, last year = 2024",
    ),
    P(
        a=S(
            text="BYD said the charger adds 400 km of range in five minutes.", source="EV Pulse", published="2025-03-18"
        ),
        b=S(
            text="Five minutes on the new charger gives 400 km of driving, BYD said.",
            source="Volt Times",
            published="2025-03-18",
        ),
        flag=None,
        same=True,
        note="paraphrase",
    ),
    P(
        a=S(text="Telstra said the outage lasted 90 minutes.", source="Ops Weekly", published="2024-03-01"),
        b=S(
            text="The Telstra outage went on for an hour and a half, the company said.",
            source="Net Defender",
            published="2024-03-01",
        ),
        flag=None,
        same=True,
        note="90 minutes = an hour and a half",
    ),
    P(
        a=S(text="Palantir said it has won the army contract.", source="Deal Street", published="2024-05-30"),
        b=S(text="The army contract went to Palantir, the company said.", source="Policy Wire", published="2024-05-30"),
        flag=None,
        same=True,
        note="paraphrase",
    ),
    P(
        a=S(text="Lenovo said revenue rose 20% in the quarter.", source="Desk Top", published="2024-11-07"),
        b=S(
            text="Lenovo's quarterly revenue was up 20%, the company said.",
            source="Pacific Byte",
            published="2024-11-08",
        ),
        flag=None,
        same=True,
        note="paraphrase",
    ),
    P(
        a=S(text="Zoom said revenue increased 3% in the quarter.", source="Cloud Beat", published="2024-11-25"),
        b=S(
            text="Zoom said enterprise revenue increased 6% in the quarter.",
            source="Deal Street",
            published="2024-11-26",
        ),
        flag=None,
        same=False,
        note="total vs segment",
    ),
    P(
        a=S(text="MediaTek said revenue grew 26% in 2024.", source="Chip Ledger", published="2025-02-07"),
        b=S(text="MediaTek said revenue grew 16% in 2023.", source="Chip Ledger", published="2024-02-02"),
        flag=None,
        same=False,
        note="different years",
    ),
    P(
        a=S(
            text="Shopee said orders in Vietnam rose 30% during the sale.",
            source="Venture Wire",
            published="2024-11-12",
        ),
        b=S(
            text="Shopee said orders in Thailand rose 18% during the sale.",
            source="Deal Street",
            published="2024-11-12",
        ),
        flag=None,
        same=False,
        note="different countries",
    ),
    P(
        a=S(
            text="BYD said the charger adds 400 km of range in five minutes.", source="EV Pulse", published="2025-03-18"
        ),
        b=S(
            text="Tesla said its newest Supercharger adds 275 km of range in 15 minutes.",
            source="Volt Times",
            published="2025-03-19",
        ),
        flag=None,
        same=False,
        note="different makers",
    ),
    P(
        a=S(text="Telstra said the outage lasted 90 minutes.", source="Ops Weekly", published="2024-03-01"),
        b=S(text="Optus said the outage lasted 12 hours.", source="Net Defender", published="2023-11-08"),
        flag=None,
        same=False,
        note="different companies and outages",
    ),
    P(
        a=S(
            text="Lenovo said it expects AI PCs to make up 30% of its shipments in 2025.",
            source="Desk Top",
            published="2024-05-23",
        ),
        b=S(text="Lenovo said AI PCs made up 10% of its shipments in 2024.", source="Desk Top", published="2025-01-09"),
        flag=None,
        same=False,
        note="different years: forecast vs result",
    ),
    P(
        a=S(
            text="The Reserve Bank of India said digital payments grew 44% in the year to March.",
            source="Policy Wire",
            published="2024-05-30",
        ),
        b=S(
            text="The Reserve Bank of India said cash in circulation grew 4% in the year to March.",
            source="Deal Street",
            published="2024-05-31",
        ),
        flag=None,
        same=False,
        note="different metrics",
    ),
    P(
        a=S(text="Zoom said revenue increased in the quarter.", source="Cloud Beat", published="2024-11-25"),
        b=S(text="Zoom said costs decreased in the quarter.", source="Deal Street", published="2024-11-26"),
        flag=None,
        same=False,
        note="different metrics, opposite verbs",
    ),
    P(
        a=S(text="Palantir said it has won the army contract.", source="Deal Street", published="2024-05-30"),
        b=S(text="Palantir said it has not won the navy contract.", source="Policy Wire", published="2024-05-31"),
        flag=None,
        same=False,
        note="different contracts",
    ),
    P(
        a=S(
            text="The start-up said it could reach profitability in 2026.",
            source="Venture Wire",
            published="2025-01-15",
        ),
        b=S(
            text="The start-up said it will reach profitability in 2026.", source="Deal Street", published="2025-01-16"
        ),
        flag=None,
        same=False,
        note="hedged vs firm, unnamed",
    ),
]


FORECASTS = [
    dict(
        text="Samsung said it expects HBM sales to double in 2025.",
        published="2025-01-31",
        today="2026-11-24",
        due=True,
    ),
    dict(
        text="The ministry said the subsidy programme will run until 2030.",
        published="2024-06-03",
        today="2026-11-24",
        due=False,
    ),
    dict(
        text="Omdia forecasts that 40% of PCs shipped in 2026 will be AI PCs.",
        published="2024-09-01",
        today="2026-11-24",
        due=False,
    ),
    dict(
        text="Omdia forecasts that 40% of PCs shipped in 2026 will be AI PCs.",
        published="2024-09-01",
        today="2027-01-05",
        due=True,
    ),
    dict(
        text="Grab said it turned its first full-year profit in 2024.",
        published="2025-02-20",
        today="2026-11-24",
        due=False,
    ),
    dict(
        text="Rivian expects to produce 50,000 vehicles in 2024, the company said.",
        published="2024-02-22",
        today="2026-11-24",
        due=True,
    ),
    dict(
        text="The startup aims to reach 1 million users by the end of 2025.",
        published="2024-03-10",
        today="2026-11-24",
        due=True,
    ),
    dict(
        text="Data centres could use 12% of US electricity by 2028, the report estimates.",
        published="2024-12-20",
        today="2026-11-24",
        due=False,
    ),
]
