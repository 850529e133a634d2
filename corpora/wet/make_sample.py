#!/usr/bin/env python3
"""Writes sample.warc.wet: a small Common Crawl style WET file for winnow.

Every page below was invented for the project (example.org/example.com URLs).
Run from this folder: python3 make_sample.py (the output is deterministic).
"""

RECORDS = [
    ("warcinfo", {
        "WARC-Date": "2026-11-30T08:00:00Z",
        "WARC-Filename": "sample.warc.wet",
        "WARC-Record-ID": "<urn:uuid:00000000-0000-4000-8000-000000000000>",
        "Content-Type": "application/warc-fields",
    }, "Software-Info: winnow-sample-generator\r\nExtracted-Date: Mon, 30 Nov 2026 08:00:00 GMT\r\n"
       "robots: checked via crawler-commons\r\nisPartOf: WINNOW-SAMPLE-2026-48\r\n"
       "operator: winnow project (invented data)\r\n"),
    ("conversion", {
        "WARC-Target-URI": "https://news.example.org/2026/11/lighthouse-keepers-return",
        "WARC-Date": "2026-11-29T17:41:02Z",
        "WARC-Record-ID": "<urn:uuid:6f1c2a8e-4b7d-4e0a-9d51-1a2b3c4d5e01>",
        "WARC-Refers-To": "<urn:uuid:a0b1c2d3-e4f5-4a6b-8c7d-0e1f2a3b4c01>",
        "WARC-Block-Digest": "sha1:AAAABBBBCCCCDDDDEEEEFFFFGGGGHHHH",
        "WARC-Identified-Content-Language": "eng",
        "Content-Type": "text/plain",
    }, "Lighthouse keepers return to Gullrock Point\n"
       "Home | News | Coast | Weather | Contact\n"
       "Sign in\n"
       "For the first time in forty years, two keepers will live at the Gullrock Point light through the winter, the coastal trust said on Friday.\n"
       "The trust restored the keepers' cottage over two summers with money raised by the village, and the lamp itself was rebuilt by a workshop in Harlow Bay.\n"
       "Marta Solberg, who chairs the trust, said the light had never stopped working but had missed the people who once kept it.\n"
       "For the first time in forty years, two keepers will live at the Gullrock Point light through the winter, the coastal trust said on Friday.\n"
       "Share on Facebook\n"
       "Advertisement\n"
       "© 2026 Example Coast News\n"),
    ("conversion", {
        "WARC-Target-URI": "https://blog.example.com/recipes/rye-bread-without-fuss",
        "WARC-Date": "2026-11-29T18:02:55Z",
        "WARC-Record-ID": "<urn:uuid:6f1c2a8e-4b7d-4e0a-9d51-1a2b3c4d5e02>",
        "WARC-Refers-To": "<urn:uuid:a0b1c2d3-e4f5-4a6b-8c7d-0e1f2a3b4c02>",
        "WARC-Identified-Content-Language": "eng",
        "Content-Type": "text/plain",
    }, "Rye bread without fuss\n"
       "Skip to content\n"
       "This loaf needs no starter and no mixer: only rye flour, water, salt, yeast and a long, patient rest on the kitchen counter.\n"
       "Stir everything together in the evening, cover the bowl, and bake it the next morning in a tin lined with paper.\n"
       "The crumb stays moist for days, and the bread is at its best sliced thin with butter and a little honey.\n"
       "Read more: Ten breads for beginners\n"
       "Subscribe to our newsletter\n"),
    ("conversion", {
        "WARC-Target-URI": "https://www.example.org/clubs/chess-in-the-library",
        "WARC-Date": "2026-11-29T19:15:10Z",
        "WARC-Record-ID": "<urn:uuid:6f1c2a8e-4b7d-4e0a-9d51-1a2b3c4d5e03>",
        "WARC-Refers-To": "<urn:uuid:a0b1c2d3-e4f5-4a6b-8c7d-0e1f2a3b4c03>",
        "WARC-Identified-Content-Language": "eng",
        "Content-Type": "text/plain",
    }, "Chess in the library every Tuesday\n"
       "The town library opens its reading room to chess players every Tuesday evening from six until nine.\n"
       "Boards and clocks are provided, beginners are welcome, and a volunteer teaches the openings to anyone who asks.\n"
       "Every Tuesday evening from six until nine, the town library opens its reading room to chess players.\n"
       "Cookie settings\n"),
]


def record(kind, headers, body):
    data = body.encode("utf-8")
    lines = ["WARC/1.0", f"WARC-Type: {kind}"]
    lines += [f"{k}: {v}" for k, v in headers.items()]
    lines.append(f"Content-Length: {len(data)}")
    return ("\r\n".join(lines) + "\r\n\r\n").encode("ascii") + data + b"\r\n\r\n"


with open("sample.warc.wet", "wb") as f:
    for kind, headers, body in RECORDS:
        f.write(record(kind, headers, body))
