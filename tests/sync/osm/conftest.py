import os
import shutil
import subprocess

import pytest


@pytest.fixture(scope="session")
def osmium():
    """Runs osmium-tool, the reader our .osc files are checked against; returns CompletedProcess.

    Without the binary the test is skipped, unless CAMWALK_REQUIRE_TOOLS is set (`make test`
    sets it and installs osmium-tool), where a missing tool must fail loudly instead.
    """
    binary = shutil.which("osmium")
    if binary is None:
        if os.environ.get("CAMWALK_REQUIRE_TOOLS"):
            pytest.fail("CAMWALK_REQUIRE_TOOLS is set but osmium (Debian osmium-tool) is absent")
        pytest.skip("osmium-tool is not installed: apt-get install osmium-tool to run this check")

    def run(*arguments, cwd=None):
        return subprocess.run(
            [binary, *map(str, arguments)], cwd=cwd, capture_output=True, text=True, check=False
        )

    return run
