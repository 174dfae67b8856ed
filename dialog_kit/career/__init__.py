"""Career paths: the organisation's map of where one can go (model, loading, search, the site).

The package: `model` (the dataclasses and the catalogue), `parse` (the
career-paths file to the model, with file:line:key problems), `load` (the
built-in file, then the organisation's override), `search` (filter by text,
area, profile and role), `attached` (a path attached to a talk, as the record
stores it), `site` (the static career guide website). Nothing here imports
the record or Textual, and this file imports nothing, so the record can use
`dialog_kit.career.attached` without a cycle.
"""
