"""Django's PostgreSQL backend, pointed at the embedded server on first connection."""

from django.db.backends.postgresql import base

from nearmiss.embedded_db import ensure_server


class DatabaseWrapper(base.DatabaseWrapper):
    def get_connection_params(self) -> dict:
        params = super().get_connection_params()
        socket_dir, port = ensure_server(
            self.settings_dict["EMBEDDED_DATA_DIR"],
            params.get("dbname") or "postgres",
            cleanup=self.settings_dict.get("EMBEDDED_CLEANUP", "stop"),
        )
        params["host"] = socket_dir
        params["port"] = port
        params["user"] = "postgres"
        return params
