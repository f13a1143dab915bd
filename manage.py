#!/usr/bin/env python
"""Django's command-line utility for administrative tasks."""

import os
import sys

COMMANDS_WITHOUT_SECRETS = {"makemigrations", "help", "version"}


def main() -> None:
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "nearmiss.settings")
    if len(sys.argv) > 1 and sys.argv[1] in COMMANDS_WITHOUT_SECRETS:
        # These sign nothing and serve nothing: a throwaway key lets them run anywhere.
        os.environ.setdefault("NEARMISS_THROWAWAY_SECRET_KEY", "1")
    from django.core.management import execute_from_command_line

    execute_from_command_line(sys.argv)


if __name__ == "__main__":
    main()
