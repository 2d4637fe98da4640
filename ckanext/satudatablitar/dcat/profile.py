"""The ``satudatablitar`` RDF profile: SDI fields as DCAT / DCAT-AP properties.

Run it after a DCAT-AP profile (``ckanext.dcat.rdf.profiles = euro_dcat_ap_3
satudatablitar``): that profile writes title, description, keywords, dates,
distributions, the publisher (the OPD) and the contact point (maintainer, i.e.
Wali Data); this one replaces what it cannot know about our schema and adds
the rest:

- ``theme``: ``dcat:theme``, a ``skos:Concept`` (the portal's topic search URL) with id/en labels
- ``accrualPeriodicity`` / ``accessRights``: EU authority URIs (``mapping.yaml``)
- ``tahun_data_mulai`` / ``tahun_data_selesai``: ``dct:temporal`` with ``dcat:startDate``/``endDate``
- ``kode_wilayah``: ``dct:spatial``, a ``dct:Location`` with the Kemendagri code and name
- ``id_dds``, ``id_sds``, ``id_mskeg``, ``id_msind``: ``adms:identifier`` with ``skos:notation``
- the DSSD element's Table Schema: ``dct:conformsTo`` of the dataset and of its tabulations
- ``author`` / ``author_email`` (the producer): ``dct:creator``
- ``publisher_type``: the publisher's ``dct:type``

:meth:`parse_dataset` reads the same properties back into the national field names.
"""

from __future__ import annotations

import functools
import os
from typing import Any
from urllib.parse import parse_qs, urlparse

import yaml
from ckanext.dcat.profiles import ADMS, DCAT, DCT, FOAF, RDF, SKOS, XSD, RDFProfile
from ckanext.dcat.utils import catalog_uri, resource_uri
from rdflib import BNode, Literal, URIRef
from rdflib.term import Node

from ckanext.satudatablitar.metadata import vocab
from ckanext.satudatablitar.tabulation import files

# SDI identifier fields and the adms:Identifier scheme label each is written with
IDENTIFIERS = {
    "id_dds": "Kode Daftar Data (DSSD)",
    "id_sds": "Kode Standar Data",
    "id_mskeg": "Kode Metadata Kegiatan (MS-Keg)",
    "id_msind": "Kode Metadata Indikator (MS-Ind)",
}
TABLE_SCHEMA_PATH = "/dssd/element/{code}/table-schema.json"


@functools.cache
def mapping() -> dict[str, dict[str, Any]]:
    """The vocabulary mappings of ``mapping.yaml`` (static package data)."""
    with open(os.path.join(os.path.dirname(__file__), "mapping.yaml"), encoding="utf-8") as f:
        return yaml.safe_load(f)


def authority_uri(vocabulary: str, value: str) -> URIRef | None:
    """The EU authority URI of an SDI vocabulary value, or None when it has none."""
    table = mapping()[vocabulary]
    code = table["terms"].get(value)
    return URIRef(table["base"] + code) if code else None


def authority_value(vocabulary: str, uri: str) -> str | None:
    """The SDI value of an EU authority URI (the first one mapped onto it)."""
    table = mapping()[vocabulary]
    code = str(uri).removeprefix(table["base"])
    return next((value for value, mapped in table["terms"].items() if mapped == code), None)


def theme_uri(value: str) -> URIRef:
    """The concept URI of a topic: the portal's search for that topic."""
    return URIRef(f"{catalog_uri().rstrip('/')}/dataset/?theme={value}")


def table_schema_uri(code: str) -> URIRef:
    """Where the Table Schema of a DSSD element is served."""
    return URIRef(catalog_uri().rstrip("/") + TABLE_SCHEMA_PATH.format(code=code))


class SatudataDCATProfile(RDFProfile):
    """SDI fields on top of a DCAT-AP profile (see the module docstring)."""

    def graph_from_dataset(self, dataset_dict: dict[str, Any], dataset_ref: Node) -> None:
        self._theme(dataset_dict, dataset_ref)
        self._authority(
            dataset_ref,
            DCT.accrualPeriodicity,
            DCT.Frequency,
            "frequency",
            dataset_dict.get("accrualPeriodicity"),
        )
        self._authority(
            dataset_ref, DCT.accessRights, DCT.RightsStatement, "access", dataset_dict.get("accessRights")
        )
        self._temporal(dataset_dict, dataset_ref)
        self._spatial_region(dataset_dict, dataset_ref)
        self._identifiers(dataset_dict, dataset_ref)
        self._conforms_to(dataset_dict, dataset_ref)
        self._creator(dataset_dict, dataset_ref)
        publisher_type = dataset_dict.get("publisher_type")
        for publisher in self.g.objects(dataset_ref, DCT.publisher):
            if publisher_type:
                self.g.set((publisher, DCT.type, Literal(publisher_type)))

    def graph_from_catalog(self, catalog_dict: dict[str, Any], catalog_ref: Node) -> None:
        """Nothing to add: the DCAT-AP profile describes the catalog."""

    def _theme(self, dataset_dict: dict[str, Any], dataset_ref: Node) -> None:
        # the DCAT-AP profile wrote the bare value as a (relative) URI
        self.g.remove((dataset_ref, DCAT.theme, None))
        value = dataset_dict.get("theme")
        if not value:
            return
        concept = theme_uri(value)
        self.g.add((dataset_ref, DCAT.theme, concept))
        self.g.add((concept, RDF.type, SKOS.Concept))
        self.g.add((concept, SKOS.notation, Literal(value)))
        term = next((t for t in vocab.vocabulary("theme")["terms"] if t["value"] == value), None)
        for lang, label in (term or {}).get("label", {}).items():
            self.g.add((concept, SKOS.prefLabel, Literal(label, lang=lang)))

    def _authority(
        self, subject: Node, predicate: URIRef, class_: URIRef, vocabulary: str, value: Any
    ) -> None:
        self.g.remove((subject, predicate, None))
        if not value:
            return
        uri = authority_uri(vocabulary, value)
        if uri is None:
            self.g.add((subject, predicate, Literal(value)))
            return
        self.g.add((subject, predicate, uri))
        self.g.add((uri, RDF.type, class_))

    def _temporal(self, dataset_dict: dict[str, Any], dataset_ref: Node) -> None:
        start, end = dataset_dict.get("tahun_data_mulai"), dataset_dict.get("tahun_data_selesai")
        if not (start or end):
            return
        period = BNode()
        self.g.add((dataset_ref, DCT.temporal, period))
        self.g.add((period, RDF.type, DCT.PeriodOfTime))
        if start:
            self.g.add((period, DCAT.startDate, Literal(str(start), datatype=XSD.gYear)))
        if end:
            self.g.add((period, DCAT.endDate, Literal(str(end), datatype=XSD.gYear)))

    def _spatial_region(self, dataset_dict: dict[str, Any], dataset_ref: Node) -> None:
        code = dataset_dict.get("kode_wilayah")
        if not code:
            return
        location = self._get_or_create_spatial_ref(dataset_dict, dataset_ref)
        self.g.add((location, DCT.identifier, Literal(code)))
        name = vocab.region_codes().get(code)
        if name:
            self.g.add((location, SKOS.prefLabel, Literal(name)))

    def _identifiers(self, dataset_dict: dict[str, Any], dataset_ref: Node) -> None:
        for field, scheme in IDENTIFIERS.items():
            value = dataset_dict.get(field)
            if not value:
                continue
            identifier = BNode()
            self.g.add((dataset_ref, ADMS.identifier, identifier))
            self.g.add((identifier, RDF.type, ADMS.Identifier))
            self.g.add((identifier, SKOS.notation, Literal(value)))
            self.g.add((identifier, ADMS.schemaAgency, Literal(scheme)))

    def _conforms_to(self, dataset_dict: dict[str, Any], dataset_ref: Node) -> None:
        code = dataset_dict.get(files.ELEMENT_FIELD)
        standard = table_schema_uri(code) if code else None
        if standard is not None:
            self.g.add((dataset_ref, DCT.conformsTo, standard))
            self.g.add((standard, RDF.type, DCT.Standard))
        for resource in dataset_dict.get("resources", []):
            own = resource.get("schema")
            target = URIRef(own) if isinstance(own, str) and own.startswith("http") else standard
            if target is not None and files.is_tabulation(resource):
                distribution = URIRef(resource_uri(resource))
                self.g.add((distribution, DCT.conformsTo, target))
                self.g.add((target, RDF.type, DCT.Standard))

    def _creator(self, dataset_dict: dict[str, Any], dataset_ref: Node) -> None:
        name, email = dataset_dict.get("author"), dataset_dict.get("author_email")
        if not (name or email) or any(self.g.objects(dataset_ref, DCT.creator)):
            return
        creator = BNode()
        self.g.add((dataset_ref, DCT.creator, creator))
        self.g.add((creator, RDF.type, FOAF.Agent))
        if name:
            self.g.add((creator, FOAF.name, Literal(name)))
        if email:
            self.g.add((creator, FOAF.mbox, URIRef("mailto:" + email.removeprefix("mailto:"))))

    def parse_dataset(self, dataset_dict: dict[str, Any], dataset_ref: Node) -> dict[str, Any]:
        """Read the SDI fields back under their national names (for a DCAT harvester)."""
        for concept in self.g.objects(dataset_ref, DCAT.theme):
            notation = self._object_value(concept, SKOS.notation)
            query = parse_qs(urlparse(str(concept)).query).get("theme")
            if notation or query:
                dataset_dict["theme"] = notation or query[0]
        for predicate, vocabulary, field in (
            (DCT.accrualPeriodicity, "frequency", "accrualPeriodicity"),
            (DCT.accessRights, "access", "accessRights"),
        ):
            value = self._object(dataset_ref, predicate)
            if value is not None:
                dataset_dict[field] = authority_value(vocabulary, value) or str(value)
        years = ((DCAT.startDate, "tahun_data_mulai"), (DCAT.endDate, "tahun_data_selesai"))
        for period in self.g.objects(dataset_ref, DCT.temporal):
            for predicate, field in years:
                value = self._object_value(period, predicate)
                if value:
                    dataset_dict[field] = value[:4]
        for location in self.g.objects(dataset_ref, DCT.spatial):
            code = self._object_value(location, DCT.identifier)
            if code:
                dataset_dict["kode_wilayah"] = code
        schemes = {label: field for field, label in IDENTIFIERS.items()}
        for identifier in self.g.objects(dataset_ref, ADMS.identifier):
            field = schemes.get(self._object_value(identifier, ADMS.schemaAgency))
            if field:
                dataset_dict[field] = self._object_value(identifier, SKOS.notation)
        return dataset_dict
