"""Timetable exports: PDF, XLSX, CSV, iCalendar and a static HTML site (see docs/exports.md)."""
