"""Spreadsheets in and out, without Qt or any domain service.

- `workbook`: open .xlsx/.xlsm/.xls/.ods safely and read a sheet as rows (python-calamine);
- `header`: find the header row of a messy sheet (titles above, merged two-row headers);
- `cells`: turn cell values into text, dates and ID numbers the way Vietnamese files hold them;
- `legacy_text`: TCVN3 (ABC) / VNI mojibake detection and conversion;
- `writer`: a small, fast .xlsx writer for exports and error reports.
"""
