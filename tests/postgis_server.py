"""A throw-away PostgreSQL + PostGIS server for the tests that need one.

Loaded with ``-p tests.postgis_server`` (pyproject addopts). The ``postgis`` fixture
(session scope) runs ``initdb`` in a temporary folder, starts the server with
``pg_ctl`` on a free port of 127.0.0.1 (and a socket in that folder, nothing in
/var/run), creates a database with the PostGIS extension, and stops and removes it
all at the end. As root, the server runs as the ``postgres`` system user
(PostgreSQL refuses to run as root). ``make deps`` installs Debian's packages.
"""

from __future__ import annotations

import glob
import os
import shutil
import socket
import subprocess
import tempfile
from dataclasses import dataclass
from pathlib import Path

import pytest


def _pg_bin(name: str) -> str | None:
    found = sorted(glob.glob(f"/usr/lib/postgresql/*/bin/{name}"))
    return found[-1] if found else shutil.which(name)


def _free_port() -> int:
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


@dataclass(frozen=True)
class PostgisServer:
    host: str
    port: int
    dbname: str
    user: str

    def uri(self, table: str, schema: str = "public", geometry: str | None = None) -> str:
        """A QGIS postgres data source for one table (geometry column optional)."""
        geom = f" ({geometry})" if geometry else ""
        return (
            f"dbname='{self.dbname}' host={self.host} port={self.port} user='{self.user}' "
            f'sslmode=disable table="{schema}"."{table}"{geom}'
        )

    def destination(self, table: str, schema: str = "public", geometry: bool = True) -> str:
        """A Processing sink destination writing a new table in this database."""
        return "postgis:" + self.uri(table, schema, "geom" if geometry else None)

    def sql(self, statement: str, stdin: bytes | None = None) -> str:
        """Run SQL with psql and return its unaligned output (``stdin`` feeds COPY)."""
        psql = _pg_bin("psql")
        out = subprocess.run(
            [psql, "-X", "-q", "-A", "-t", "-v", "ON_ERROR_STOP=1", "-h", self.host]
            + ["-p", str(self.port), "-U", self.user, "-d", self.dbname, "-c", statement],
            check=True,
            capture_output=True,
            input=stdin,
        )
        return out.stdout.decode("utf-8").strip()

    def copy_csv(self, table: str, columns: list[str], path: Path) -> None:
        """Load a UTF-8 CSV with a header through the client (the server, running as
        another user, need not be able to read the file)."""
        self.sql(
            f"COPY {table} ({', '.join(columns)}) FROM STDIN "
            "WITH (FORMAT csv, HEADER true, ENCODING 'UTF8')",
            stdin=Path(path).read_bytes(),
        )


@pytest.fixture(scope="session")
def postgis():
    pg_ctl, initdb = _pg_bin("pg_ctl"), _pg_bin("initdb")
    if not pg_ctl or not initdb or not _pg_bin("psql"):
        pytest.fail("PostgreSQL is not installed: run `make deps` (Debian's postgresql, postgis)")
    folder = Path(tempfile.mkdtemp(prefix="backflow-pg-"))
    as_user: list[str] = []
    if os.geteuid() == 0:
        shutil.chown(folder, "postgres", "postgres")
        as_user = ["runuser", "-u", "postgres", "--"]
    data, port = folder / "data", _free_port()
    run = dict(check=True, capture_output=True, text=True)
    subprocess.run(
        as_user
        + [initdb, "-D", str(data), "-U", "backflow", "--auth=trust", "-E", "UTF8"]
        + ["--locale=C.UTF-8"],
        **run,
    )
    options = f"-p {port} -k {folder} -c listen_addresses=127.0.0.1 -c fsync=off"
    subprocess.run(
        as_user
        + [pg_ctl, "-D", str(data), "-o", options, "-l", str(folder / "log"), "-w"]
        + ["start"],
        **run,
    )
    server = PostgisServer("127.0.0.1", port, "postgres", "backflow")
    try:
        server.sql("CREATE DATABASE backflow")
        server = PostgisServer("127.0.0.1", port, "backflow", "backflow")
        server.sql("CREATE EXTENSION postgis")
        yield server
    finally:
        subprocess.run(as_user + [pg_ctl, "-D", str(data), "-m", "immediate", "stop"], **run)
        shutil.rmtree(folder, ignore_errors=True)
