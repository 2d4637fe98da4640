"""SDI metadata: vocabularies, region codes, the dataset schema's fields and the metadata sheet."""
