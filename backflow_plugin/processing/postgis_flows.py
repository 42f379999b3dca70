"""backflow:postgisflows — flows and cities of a PostgreSQL trajectory table, in SQL.

For tables too large to pull into QGIS: the consecutive-stage pairs and the flow
counts are computed by the server (window functions over person and order, see
core.trajectories.sql_flows); only the distinct place spellings and the flows come back.
"""

from __future__ import annotations

from qgis.core import (
    QgsDataSourceUri,
    QgsProcessingException,
    QgsProcessingParameterField,
    QgsProcessingParameterString,
    QgsProcessingParameterVectorLayer,
    QgsProviderRegistry,
)

from ..core.places.gazetteer import Gazetteer
from ..core.schema import DEFAULT_HOME_COUNTRY
from ..core.tables.fields import detect_fields
from ..core.trajectories import sql_flows
from ..core.trajectories.build import leg_lines
from ..core.trajectories.flow_lines import GEODESIC
from . import adapters
from .base import BackflowAlgorithm, Run, Sink, SourceType


class PostgisFlowsAlgorithm(BackflowAlgorithm):
    INPUT = "INPUT"
    PERSON_FIELD = "PERSON_FIELD"
    SEQ_FIELD = "SEQ_FIELD"
    CITY_FIELD = "CITY_FIELD"
    COUNTRY_FIELD = "COUNTRY_FIELD"
    HOME_COUNTRY = "HOME_COUNTRY"
    FLOWS = "FLOWS"
    CITIES = "CITIES"

    def name(self) -> str:
        return "postgisflows"

    def displayName(self) -> str:  # noqa: N802
        return self.tr("Flows computed in PostGIS (large tables)")

    def shortHelpString(self) -> str:  # noqa: N802
        return self.tr(
            "For a trajectory table in PostgreSQL/PostGIS too large to pull into QGIS: the "
            "server pairs each stage with the person's next one (window functions) and counts "
            "the flows; only the distinct place names (resolved here with the gazetteer) and "
            "the flows travel. Outputs FLOWS and CITIES, ready for City network. The home "
            "country is fixed (not each person's birth country); a home -> home step between "
            "two stays abroad counts as onward."
        )

    def declare_parameters(self) -> list:
        fields = (
            (self.PERSON_FIELD, self.tr("Person column")),
            (self.SEQ_FIELD, self.tr("Order column")),
            (self.CITY_FIELD, self.tr("City column")),
            (self.COUNTRY_FIELD, self.tr("Country column")),
        )
        return [
            QgsProcessingParameterVectorLayer(
                self.INPUT,
                self.tr("Trajectory table in PostgreSQL (long form)"),
                [SourceType.TypeVector],
            ),
            *(
                QgsProcessingParameterField(
                    key, label, parentLayerParameterName=self.INPUT, optional=True
                )
                for key, label in fields
            ),
            QgsProcessingParameterString(
                self.HOME_COUNTRY, self.tr("Home country"), DEFAULT_HOME_COUNTRY
            ),
        ]

    def declare_sinks(self) -> list[Sink]:
        return [
            Sink(self.FLOWS, self.tr("Flows"), SourceType.TypeVectorLine, style="flows"),
            Sink(self.CITIES, self.tr("Cities"), SourceType.TypeVectorPoint, style="cities"),
        ]

    def _columns(self, parameters, context, layer) -> sql_flows.SqlColumns:
        names = layer.fields().names()
        detected = detect_fields(names)
        chosen = {}
        for role, key in (
            ("person", self.PERSON_FIELD),
            ("seq", self.SEQ_FIELD),
            ("city", self.CITY_FIELD),
            ("country", self.COUNTRY_FIELD),
        ):
            chosen[role] = self.parameterAsString(parameters, key, context) or detected.get(role)
        # fmt: skip
        for role in ("person", "city"):
            if not chosen[role]:
                raise QgsProcessingException(
                    self.tr("No {} column was found or given in '{}'; columns: {}").format(
                        role, layer.name(), ", ".join(names)
                    )
                )
        uri = QgsDataSourceUri(layer.source())
        table = uri.table()
        if not table.startswith("("):
            table = sql_flows.quote_ident(table)
            if uri.schema():
                table = sql_flows.quote_ident(uri.schema()) + "." + table
        return sql_flows.SqlColumns(table=table, **chosen)

    def process(self, run: Run) -> dict:
        layer = run.layer(self.INPUT, required=False)
        if layer is None or layer.providerType() != "postgres":
            raise QgsProcessingException(
                self.tr("The input must be a PostgreSQL/PostGIS table (got provider '{}')").format(
                    layer.providerType() if layer is not None else "-"
                )
            )
        cols = self._columns(run.parameters, run.context, layer)
        home = run.text(self.HOME_COUNTRY) or DEFAULT_HOME_COUNTRY
        meta = QgsProviderRegistry.instance().providerMetadata("postgres")
        connection = meta.createConnection(layer.source(), {})
        gazetteer = Gazetteer.bundled()

        run.progress(0, self.tr("Reading the distinct places (SQL)"))
        rows = connection.executeSql(sql_flows.distinct_places_sql(cols), run.feedback)
        run.check_cancelled()
        try:
            places = sql_flows.places_from_rows(rows, home, gazetteer)
        except ValueError as err:
            raise QgsProcessingException(str(err)) from None
        s = sql_flows.place_summary(places)
        run.info(
            self.tr("{} rows, {} distinct places; {} rows unresolved ({} places)").format(
                s.rows, s.places, s.unresolved_rows, s.unresolved_places
            )
        )
        if s.top_unresolved:
            run.warn(
                self.tr("Unresolved places: ")
                + "; ".join(f"'{c}' ({k or '-'}) {n}x" for c, k, n in s.top_unresolved)
            )
        run.progress(30, self.tr("Pairing stages and counting flows (SQL)"))
        rows = connection.executeSql(sql_flows.flows_sql(cols, places), run.feedback)
        run.check_cancelled()
        flows = sql_flows.flows_frame(rows, gazetteer)
        cities = sql_flows.cities_frame(flows, gazetteer)
        run.info(
            self.tr("{} flows ({} legs) between {} cities").format(
                len(flows), sql_flows.total_legs(flows), len(cities)
            )
        )
        run.progress(70)
        lines = leg_lines(flows, cities, GEODESIC) if len(flows) else {}
        keys = list(zip(flows["origin_id"], flows["dest_id"]))
        points = [adapters.point_geometry(x, y) for x, y in sql_flows.city_points(cities)]
        out = {
            self.FLOWS: run.write(
                self.FLOWS, flows, lambda i: adapters.line_geometry(lines.get(keys[i]))
            ),
            self.CITIES: run.write(self.CITIES, cities, points.__getitem__),
        }
        return {k: v for k, v in out.items() if v is not None}
