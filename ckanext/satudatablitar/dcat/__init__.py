"""DCAT for the SDI schema: an RDF profile for ckanext-dcat and a wall that keeps unpublished datasets out."""
