"""The document as text, read once for every stage that needs it.

`jixiao.text.figures` finds the figures of a text (amounts, percentages, counts,
dates, years) in one scan. Extraction reads the amounts of the document's paragraphs
from them and hands the paragraphs' figures on with its result; the review takes
those and scans only the text extraction did not read, so that no text is scanned
twice for its figures.
"""
