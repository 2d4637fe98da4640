from setuptools import setup

# Metadata and options live in setup.cfg; babel's extractors need setup.py.
setup(
    message_extractors={
        "ckanext": [
            ("**.py", "python", None),
            ("**.js", "javascript", None),
            ("**/templates/**.html", "ckan", None),
        ],
    },
)
