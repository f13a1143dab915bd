"""System checks of the reports app."""

from django.core import checks

from reports.gazetteer import NSI_PACKAGE, nsi_file


@checks.register()
def identifier_data_is_installed(app_configs, **kwargs) -> list[checks.CheckMessage]:
    """Refuse to start when the identifier detector's chain-business list is missing."""
    if nsi_file() is not None:
        return []
    return [
        checks.Error(
            f"The identifier detector's list of chain businesses ({NSI_PACKAGE}) is not "
            "installed, so reporters would not be warned about named businesses.",
            hint="Run `make` (or `npm ci --ignore-scripts` in the checkout); see README.",
            id="reports.E001",
        )
    ]
