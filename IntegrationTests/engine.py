"""A real container engine for the image tests: podman, with the settings
that run on these hosts (runc and cgroupfs, ulimits within the host's hard
limits, no bridge network) in a private containers.conf; images live in
podman's default storage, where `make image` leaves them.

`Engine.find()` returns None with the reason when no engine can run here, so
the tests that need one are skipped visibly."""
import json
import os
import pathlib
import resource
import shutil
import subprocess
import tempfile

from support import REPO


class Engine:
    def __init__(self, conf):
        self.conf = conf
        self.env = {**os.environ, "CONTAINERS_CONF": str(conf)}

    @classmethod
    def find(cls):
        """(engine, None) or (None, why not)."""
        if shutil.which("podman") is None or shutil.which("buildah") is None:
            return None, "podman and buildah are not installed (scripts/setup.sh image installs them)"
        if os.geteuid() != 0:
            return None, "the image tests run podman as root (rootless podman needs subuid ranges here)"
        nofile = resource.getrlimit(resource.RLIMIT_NOFILE)[1]
        nproc = min(resource.getrlimit(resource.RLIMIT_NPROC)[1], int(open("/proc/sys/kernel/pid_max").read()))
        conf = pathlib.Path(tempfile.mkdtemp(prefix="lb-engine-")) / "containers.conf"
        conf.write_text(
            "[containers]\n"
            f'default_ulimits = ["nofile={nofile}:{nofile}", "nproc={nproc}:{nproc}"]\n'
            'netns = "none"\n'
            "[engine]\n"
            'runtime = "runc"\ncgroup_manager = "cgroupfs"\nevents_logger = "file"\n')
        engine = cls(conf)
        probe = engine.podman("info", check=False)
        if probe.returncode != 0:
            return None, f"podman cannot run here: {probe.stderr.strip().splitlines()[-1:]}"
        return engine, None

    def podman(self, *args, check=True, timeout=600, **kwargs):
        result = subprocess.run(["podman", *map(str, args)], env=self.env, capture_output=True, text=True,
                                timeout=timeout, **kwargs)
        if check and result.returncode != 0:
            raise AssertionError(f"podman {' '.join(map(str, args))} exited {result.returncode}:\n{result.stderr}")
        return result

    def run(self, image, args, volumes=(), env=None, network="none", check=True, user=None):
        """Runs IMAGE ARGS in a container (removed afterwards): volumes are (host, container) pairs."""
        options = ["--rm", f"--network={network}"]
        for host, container in volumes:
            options += ["-v", f"{host}:{container}"]
        for name, value in (env or {}).items():
            options += ["-e", f"{name}={value}"]
        if user:
            options += ["--user", user]
        return self.podman("run", *options, image, *args, check=check)

    def build(self, tag, context, dockerfile="Dockerfile"):
        """buildah, as `make image` uses it: chroot isolation, never pulling."""
        result = subprocess.run(["buildah", "bud", "--quiet", "--isolation", "chroot", "--pull=never", "--layers",
                                 "-t", tag, "-f", str(pathlib.Path(context) / dockerfile), str(context)], env=self.env, capture_output=True,
                                text=True)
        if result.returncode != 0:
            raise AssertionError(f"buildah bud {context} exited {result.returncode}:\n{result.stderr}")

    def layers(self, image):
        return int(self.podman("image", "inspect", "-f", "{{len .RootFS.Layers}}", image).stdout)

    def labels(self, image):
        return json.loads(self.podman("image", "inspect", "-f", "{{json .Labels}}", image).stdout)

    def remove(self, image):
        self.podman("rmi", "-f", image, check=False)


def make_image(name):
    """`make image`, as a user runs it, naming the image `name`; returns the CompletedProcess."""
    # buildah: into podman's storage, where the tests look.
    env = {**os.environ, "LB_IMAGE_ENGINE": "buildah", "LB_IMAGE_NAME": name}
    return subprocess.run(["make", "-s", "image"], cwd=REPO, env=env, capture_output=True, text=True, timeout=1800)
