"""Renderers: typed tables in, text, CSV, a workbook or a self-contained web page out."""
