"""deploy/k8s: the Indexed Job passes `kubernetes-validate --strict`, runs
Lakebench's argument list, and agrees with the image (user, working
directory) and with itself (nodes = completions = parallelism)."""
import re
import subprocess

import pytest
import yaml

from support import REPO

K8S = REPO / "deploy" / "k8s"
VALIDATE = REPO / ".venv" / "bin" / "kubernetes-validate"


def job():
    return yaml.safe_load((K8S / "job.yaml").read_text())


def test_kubernetes_validate_strict_accepts_the_manifests():
    if not VALIDATE.exists():
        pytest.skip("kubernetes-validate is not installed (scripts/setup.sh installs it)")
    files = [K8S / "job.yaml", K8S / "secret.example.yaml"]
    result = subprocess.run([str(VALIDATE), "--strict", *map(str, files)], capture_output=True, text=True)
    assert result.returncode == 0, result.stdout + result.stderr
    assert result.stdout.count("passed") == len(files)


def test_indexed_job_shape():
    spec = job()["spec"]
    pod = spec["template"]["spec"]
    [container] = pod["containers"]
    args = container["args"]
    assert spec["completionMode"] == "Indexed" and pod["restartPolicy"] == "OnFailure" and spec["backoffLimit"] > 0
    nodes = int(args[args.index("--total-nodes") + 1])
    assert spec["completions"] == spec["parallelism"] == nodes
    # Lakebench's Job list, then --resume so a restarted pod finishes its share.
    assert args == ["--target-tb", "0.097656", "--mode", "batch", "--file-size-mb", "512", "--payload-kb", "2",
                    "--bucket", "bronze", "--prefix", "customer/interactions", "--seed", "42", "--dirty-ratio", "0.08",
                    "--total-nodes", "4", "--workers", "1", "--resume"]
    assert container["resources"]["requests"] == container["resources"]["limits"]
    secrets = {e["name"]: e["valueFrom"]["secretKeyRef"]["name"] for e in container["env"] if "valueFrom" in e}
    assert secrets == {"AWS_ACCESS_KEY_ID": "lb-datagen-s3", "AWS_SECRET_ACCESS_KEY": "lb-datagen-s3"}


def test_agrees_with_the_image():
    dockerfile = (REPO / "Dockerfile").read_text()
    user = re.search(r"^USER (\d+):(\d+)$", dockerfile, re.M)
    workdir = re.search(r"^WORKDIR (\S+)$", dockerfile, re.M).group(1)
    pod = job()["spec"]["template"]["spec"]
    [container] = pod["containers"]
    assert pod["securityContext"]["runAsNonRoot"] is True
    assert (str(pod["securityContext"]["runAsUser"]), str(pod["securityContext"]["runAsGroup"])) == user.groups()
    assert container["securityContext"]["readOnlyRootFilesystem"] is True
    mounts = {m["mountPath"]: m["name"] for m in container["volumeMounts"]}
    volumes = {v["name"]: v for v in pod["volumes"]}
    assert "emptyDir" in volumes[mounts[workdir]]
    assert volumes["s3-ca"]["configMap"]["optional"] is True


def test_kustomization_patches_the_node_count_consistently():
    kustomization = yaml.safe_load((K8S / "kustomization.yaml").read_text())
    [patch] = kustomization["patches"]
    operations = {op["path"]: op["value"] for op in yaml.safe_load(patch["patch"])}
    args = job()["spec"]["template"]["spec"]["containers"][0]["args"]
    total_nodes_path = f"/spec/template/spec/containers/0/args/{args.index('--total-nodes') + 1}"
    target_path = f"/spec/template/spec/containers/0/args/{args.index('--target-tb') + 1}"
    assert operations["/spec/completions"] == operations["/spec/parallelism"] == int(operations[total_nodes_path])
    assert float(operations[target_path]) > 0
