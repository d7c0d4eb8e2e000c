"""A real S3 endpoint for tests: `rclone serve s3` over a folder (each top-level subfolder is a bucket)."""

from __future__ import annotations

import os
import socket
import subprocess
import sys
import time
from pathlib import Path
from typing import Any

RCLONE = Path(sys.executable).with_name("rclone")
ACCESS, SECRET = "kriya-test-access", "kriya-test-secret"


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


class S3Server:
    """``start()``/``stop()`` a server over ``folder``; the same port each time, so a restart serves the same
    address (and a stop makes every request fail, as a network failure does).

    ``public``: no keys asked, as a bucket readable by anyone behind its CDN is to a browser; rclone then answers
    every origin's CORS requests (``Access-Control-Allow-Origin: *``), as a bucket's CORS rule does.
    """

    def __init__(self, folder: Path, bucket: str = "media", public: bool = False):
        self.folder = folder
        self.bucket = bucket
        self.public = public
        (folder / bucket).mkdir(parents=True, exist_ok=True)
        self.port = _free_port()
        self.endpoint = f"http://127.0.0.1:{self.port}"
        self.process: subprocess.Popen[bytes] | None = None

    @property
    def media_url(self) -> str:
        """The path-style public address of the bucket's objects."""
        return f"{self.endpoint}/{self.bucket}/"

    def environ(self) -> dict[str, str]:
        return {"MEDIA_S3_BUCKET": self.bucket, "MEDIA_S3_ENDPOINT": self.endpoint, "AWS_ACCESS_KEY_ID": ACCESS,
                "AWS_SECRET_ACCESS_KEY": SECRET, "AWS_REGION": "us-east-1"}

    def start(self) -> S3Server:
        self.process = subprocess.Popen(
            [str(RCLONE), "serve", "s3", str(self.folder), "--addr", f"127.0.0.1:{self.port}",
             *([] if self.public else ["--auth-key", f"{ACCESS},{SECRET}"]), "--config", os.devnull],
            stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        deadline = time.monotonic() + 30
        while time.monotonic() < deadline:
            try:
                with socket.create_connection(("127.0.0.1", self.port), timeout=0.5):
                    return self
            except OSError:
                if self.process.poll() is not None:
                    raise RuntimeError(f"rclone serve s3 exited with {self.process.returncode}") from None
                time.sleep(0.1)
        raise RuntimeError("rclone serve s3 did not start listening within 30 s")

    def stop(self) -> None:
        if self.process is not None:
            self.process.terminate()
            self.process.wait(timeout=10)
            self.process = None

    def client(self) -> Any:
        import boto3
        from botocore.config import Config

        return boto3.client("s3", endpoint_url=self.endpoint, region_name="us-east-1", aws_access_key_id=ACCESS,
                            aws_secret_access_key=SECRET, config=Config(s3={"addressing_style": "path"}))
