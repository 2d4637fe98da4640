"""DCAT output: only published datasets through every route and for every user; the SDI fields as DCAT."""

from __future__ import annotations

import json

from ckanext.dcat.processors import RDFParser
from ckanext.dcat.profiles import VCARD
from rdflib import Graph, Literal, URIRef
from rdflib.namespace import DCAT, DCTERMS, FOAF, RDF, SKOS, XSD

from .conftest import ELEMENT, with_dcat

ADMS = "http://www.w3.org/ns/adms#"
FREQUENCY = "http://publications.europa.eu/resource/authority/frequency/"
ACCESS_RIGHT = "http://publications.europa.eu/resource/authority/access-right/"
FORMATS = {"ttl": "turtle", "rdf": "xml", "jsonld": "json-ld"}
# anonymous, another OPD's editor, the dataset's own operator, a Wali Data verifier and a sysadmin
VIEWERS = [None, "other_editor", "operator", "kominfotik", "sysadmin"]


def graph(app, url: str, fmt: str, headers: dict[str, str]) -> Graph:
    response = app.get(url, headers=headers, status=200)
    return Graph().parse(data=response.get_data(as_text=True), format=FORMATS[fmt])


def dataset_uris(g: Graph) -> set[str]:
    return {str(s) for s in g.subjects(RDF.type, DCAT.Dataset)}


def uri(dataset: dict) -> str:
    return f"http://test.ckan.net/dataset/{dataset['id']}"


@with_dcat
def test_catalog_lists_only_the_published_dataset(app, catalog):
    for role in VIEWERS:
        for fmt in FORMATS:
            g = graph(app, f"/catalog.{fmt}", fmt, catalog.headers(role))
            assert dataset_uris(g) == {uri(catalog.published)}, (role, fmt)


@with_dcat
def test_catalog_search_and_dcat_json_list_only_the_published_dataset(app, catalog):
    for role in VIEWERS:
        headers = catalog.headers(role)
        # a filter of the caller's own cannot widen the search
        for fq in (None, "capacity:private", "*:* OR capacity:private"):
            params = {"format": "ttl", **({"fq": fq} if fq else {})}
            response = app.post("/api/3/action/dcat_catalog_search", json=params, headers=headers, status=200)
            g = Graph().parse(data=response.json["result"], format="turtle")
            assert dataset_uris(g) <= {uri(catalog.published)}, (role, fq)
        listed = app.get("/dcat.json", headers=headers, status=200).json
        assert [d["title"] for d in listed] == ["Published data"], role


@with_dcat
def test_unpublished_dataset_rdf_is_not_found_for_anyone(app, catalog):
    for role in VIEWERS:
        headers = catalog.headers(role)
        for fmt in FORMATS:
            for situation, dataset in catalog.hidden.items():
                for ref in (dataset["id"], dataset["name"]):
                    response = app.get(f"/dataset/{ref}.{fmt}", headers=headers, status=404)
                    assert dataset["title"] not in response.get_data(as_text=True), (role, situation)
            published = graph(app, f"/dataset/{catalog.published['name']}.{fmt}", fmt, headers)
            assert dataset_uris(published) == {uri(catalog.published)}


@with_dcat
def test_dcat_dataset_show_action_refuses_unpublished(app, catalog):
    for role in VIEWERS:
        for dataset in catalog.hidden.values():
            response = app.post(
                "/api/3/action/dcat_dataset_show",
                json={"id": dataset["id"], "format": "ttl"},
                headers=catalog.headers(role),
                status=404,
            )
            assert response.json["error"]["message"] == "Not found: Dataset not found"


@with_dcat
def test_every_dataset_has_the_sdi_properties(app, catalog):
    g = graph(app, "/catalog.ttl", "ttl", {})
    datasets = list(g.subjects(RDF.type, DCAT.Dataset))
    assert datasets
    for ds in datasets:
        for predicate in (DCTERMS.title, DCTERMS.description, DCTERMS.identifier, DCTERMS.issued):
            assert g.value(ds, predicate) is not None, predicate
        publisher = g.value(ds, DCTERMS.publisher)
        assert (publisher, RDF.type, FOAF.Agent) in g
        assert str(g.value(publisher, FOAF.name)) == catalog.portal.opd["title"]
        assert str(g.value(publisher, DCTERMS.type)) == "daerah-kota"
        contact = g.value(ds, DCAT.contactPoint)
        assert str(g.value(contact, VCARD.hasEmail)) == "mailto:walidata@example.go.id"
        creator = g.value(ds, DCTERMS.creator)
        assert str(g.value(creator, FOAF.name)) == "Seksi Data"
        theme = g.value(ds, DCAT.theme)
        assert (theme, RDF.type, SKOS.Concept) in g
        assert str(theme).endswith("/dataset/?theme=perlindungan-sosial-dan-kesehatan")
        assert {lit.language for lit in g.objects(theme, SKOS.prefLabel)} == {"id", "en"}
        assert g.value(ds, DCTERMS.accrualPeriodicity) == URIRef(FREQUENCY + "ANNUAL")
        assert g.value(ds, DCTERMS.accessRights) == URIRef(ACCESS_RIGHT + "PUBLIC")
        period = g.value(ds, DCTERMS.temporal)
        assert g.value(period, DCAT.startDate) == Literal("2020", datatype=XSD.gYear)
        assert g.value(period, DCAT.endDate) == Literal("2025", datatype=XSD.gYear)
        location = g.value(ds, DCTERMS.spatial)
        assert str(g.value(location, DCTERMS.identifier)) == "35.72.01"
        assert g.value(location, SKOS.prefLabel) is not None
        notations = {str(g.value(i, SKOS.notation)) for i in g.objects(ds, URIRef(ADMS + "identifier"))}
        assert notations == {ELEMENT, "SDS-7"}
        standard = g.value(ds, DCTERMS.conformsTo)
        assert (standard, RDF.type, DCTERMS.Standard) in g
        # what conformsTo names is served: the element's Table Schema
        path = str(standard).removeprefix("http://test.ckan.net")
        schema = app.get(path, status=200).json
        assert [f["name"] for f in schema["fields"]] == ["Kecamatan", "Jumlah"]
    app.get("/dssd/element/99.999/table-schema.json", status=404)


@with_dcat
def test_rdf_reads_back_into_the_national_field_names(app, catalog):
    ttl = app.get(f"/dataset/{catalog.published['id']}.ttl", status=200).get_data(as_text=True)
    parser = RDFParser(profiles=["euro_dcat_ap_3", "satudatablitar"])
    parser.parse(ttl, _format="turtle")
    (parsed,) = list(parser.datasets())
    expected = {
        "theme": "perlindungan-sosial-dan-kesehatan",
        "accrualPeriodicity": "tahunan",
        "accessRights": "terbuka",
        "tahun_data_mulai": "2020",
        "tahun_data_selesai": "2025",
        "kode_wilayah": "35.72.01",
        "id_dds": ELEMENT,
        "id_sds": "SDS-7",
    }
    assert {key: parsed.get(key) for key in expected} == expected


@with_dcat
def test_jsonld_is_valid_json_with_the_dataset(app, catalog):
    body = app.get(f"/dataset/{catalog.published['id']}.jsonld", status=200).get_data(as_text=True)
    assert uri(catalog.published) in json.dumps(json.loads(body))
