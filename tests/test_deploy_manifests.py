"""The deployment recipes in deploy/: the Kubernetes manifests validate against pinned Kubernetes
releases' schemas (shipped inside kubernetes-validate: no network), and the manifests, the
compose file, the nginx configs and the Dockerfile agree on port, health check, user, replicas
and memory."""

from __future__ import annotations

import copy
import re
import shutil
import subprocess
from pathlib import Path
from typing import Any

import kubernetes_validate
import pytest
import yaml

from tests_support import ROOT

DEPLOY = ROOT / "deploy"
K8S = DEPLOY / "k8s"
NGINX = DEPLOY / "nginx"
# The oldest Kubernetes minor release the manifests are meant for, and the newest whose schemas
# the pinned kubernetes-validate (pyproject.toml) ships.
K8S_VERSIONS = ("1.33.0", "1.37.0")
BINARY_UNITS = {"": 1, "k": 2**10, "m": 2**20, "g": 2**30, "ki": 2**10, "mi": 2**20, "gi": 2**30}


def documents(path: Path) -> list[dict[str, Any]]:
    return [doc for doc in yaml.safe_load_all(path.read_text(encoding="utf-8")) if doc]


def listed_manifests(directory: Path = K8S) -> list[Path]:
    """The files the kustomization applies (`kubectl apply -k`), in its order."""
    kustomization = documents(directory / "kustomization.yaml")[0]
    return [directory / name for name in kustomization["resources"]]


def objects(directory: Path = K8S) -> dict[str, dict[str, Any]]:
    """Every object of the manifests by kind (one of each here)."""
    found: dict[str, dict[str, Any]] = {}
    for path in listed_manifests(directory):
        for doc in documents(path):
            assert doc["kind"] not in found, f"{path.name}: a second {doc['kind']}"
            found[doc["kind"]] = doc
    return found


def validate_file(path: Path, version: str) -> None:
    """Raises on the first object that its schema rejects, or whose kind has no schema."""
    for doc in documents(path):
        # strict: the schemas reject unknown fields, so a misspelt key fails too
        kubernetes_validate.validate(doc, version, strict=True)


def seconds(value: str) -> int:
    return int(value.removesuffix("s"))


def memory_bytes(value: str) -> int:
    number, unit = re.fullmatch(r"(\d+)([A-Za-z]*)", str(value)).groups()
    return int(number) * BINARY_UNITS[unit.lower().removesuffix("b")]


def dockerfile() -> dict[str, Any]:
    """What the image promises: its port, health check, and user."""
    text = (ROOT / "Dockerfile").read_text(encoding="utf-8")
    check = re.search(r"^HEALTHCHECK (.*?)\\\n\s*CMD .*?http://localhost:(\d+)(/[\w/]+)", text,
                      re.M | re.S)
    options = dict(re.findall(r"--([\w-]+)=(\S+)", check[1]))
    user = re.search(r"^USER (\d+):(\d+)$", text, re.M)
    return {
        "expose": int(re.search(r"^EXPOSE (\d+)$", text, re.M)[1]),
        "server_port": int(re.search(r"--server\.port=(\d+)", text)[1]),
        "health_port": int(check[2]),
        "health_path": check[3],
        "interval": seconds(options["interval"]),
        "timeout": seconds(options["timeout"]),
        "retries": int(options["retries"]),
        "uid": int(user[1]),
        "gid": int(user[2]),
    }


def nginx_directive(path: Path, name: str) -> list[str]:
    """The arguments of every `name` directive in an nginx config file."""
    text = path.read_text(encoding="utf-8")
    return re.findall(rf"^\s*{name}\s+([^;]+);", text, re.M)


def mismatches(found: dict[str, dict[str, Any]], compose: dict[str, Any],
               image: dict[str, Any]) -> list[str]:
    """Every way the manifests, the compose file, the nginx configs and the image disagree."""
    problems: list[str] = []

    def expect(what: str, got: object, wanted: object) -> None:
        if got != wanted:
            problems.append(f"{what}: {got!r}, expected {wanted!r}")

    port = image["expose"]
    expect("Dockerfile --server.port", image["server_port"], port)
    expect("Dockerfile HEALTHCHECK port", image["health_port"], port)

    deployment, service = found["Deployment"], found["Service"]
    ingress, hpa = found["Ingress"], found["HorizontalPodAutoscaler"]
    pod = deployment["spec"]["template"]
    labels = pod["metadata"]["labels"]
    container = pod["spec"]["containers"][0]
    ports = {p["name"]: p["containerPort"] for p in container["ports"]}
    expect("Deployment container ports", ports, {"http": port})
    expect("Deployment replicas (the autoscaler owns them)", deployment["spec"].get("replicas"),
           None)
    for kind, selector in (("Deployment", deployment["spec"]["selector"]["matchLabels"]),
                           ("Service", service["spec"]["selector"])):
        expect(f"{kind} selector within the pod labels", selector | labels, labels)
    for probe in ("startupProbe", "readinessProbe", "livenessProbe"):
        expect(f"{probe} httpGet", container[probe]["httpGet"],
               {"path": image["health_path"], "port": "http"})
    liveness = container["livenessProbe"]
    expect("livenessProbe period, timeout, failures (Dockerfile HEALTHCHECK)",
           (liveness["periodSeconds"], liveness["timeoutSeconds"], liveness["failureThreshold"]),
           (image["interval"], image["timeout"], image["retries"]))
    security = pod["spec"]["securityContext"]
    expect("pod user and group (Dockerfile USER)", (security["runAsUser"], security["runAsGroup"]),
           (image["uid"], image["gid"]))

    service_ports = {p["name"]: p for p in service["spec"]["ports"]}
    expect("Service target ports", {p["targetPort"] for p in service_ports.values()}, {"http"})
    backends = [path["backend"]["service"] for rule in ingress["spec"]["rules"]
                for path in rule["http"]["paths"]]
    for backend in backends:
        expect("Ingress backend service", backend["name"], service["metadata"]["name"])
        expect("Ingress backend port is a Service port", backend["port"]["name"] in service_ports,
               True)
    expect("autoscaler target", hpa["spec"]["scaleTargetRef"],
           {"apiVersion": deployment["apiVersion"], "kind": "Deployment",
            "name": deployment["metadata"]["name"]})

    # The Ingress does what deploy/nginx.conf and compose's proxy do: the same cookie, timeouts.
    notes = ingress["metadata"]["annotations"]
    cookie = re.search(r'"(\w+)=\$request_id', (NGINX / "affinity.conf").read_text())[1]
    expect("Ingress affinity cookie (nginx/affinity.conf)",
           (notes["nginx.ingress.kubernetes.io/affinity"],
            notes["nginx.ingress.kubernetes.io/session-cookie-name"]), ("cookie", cookie))
    for direction in ("read", "send"):
        expect(f"Ingress proxy-{direction}-timeout (nginx/proxy.conf)",
               int(notes[f"nginx.ingress.kubernetes.io/proxy-{direction}-timeout"]),
               seconds(nginx_directive(NGINX / "proxy.conf", f"proxy_{direction}_timeout")[0]))

    services = compose["services"]
    app_name = next(name for name, svc in services.items() if "build" in svc)
    app = services[app_name]
    proxy = next(svc for name, svc in services.items() if name != app_name)
    expect("compose build context holds the Dockerfile",
           (DEPLOY / app["build"]["context"]).resolve(), ROOT)
    expect("compose app replicas (autoscaler minimum)", app["deploy"]["replicas"],
           hpa["spec"]["minReplicas"])
    expect("compose app expose", [int(p) for p in app["expose"]], [port])
    expect("compose app memory limit (Deployment limit)",
           memory_bytes(app["deploy"]["resources"]["limits"]["memory"]),
           memory_bytes(container["resources"]["limits"]["memory"]))
    upstream = NGINX / "compose.conf"
    expect("compose proxy upstream", nginx_directive(upstream, "server")[0].split()[0],
           f"{app_name}:{port}")
    expect("compose proxy published port", [p.rsplit(":", 1)[1] for p in proxy["ports"]],
           nginx_directive(upstream, "listen"))
    expect("compose proxy health check path",
           [arg for arg in proxy["healthcheck"]["test"] if arg.startswith("http")],
           [f"http://127.0.0.1{image['health_path']}"])
    expect("compose proxy depends on healthy app", proxy["depends_on"],
           {app_name: {"condition": "service_healthy"}})
    for volume in proxy["volumes"]:
        source = volume.split(":")[0]
        expect(f"compose proxy mount {source} exists", (DEPLOY / source).exists(), True)
    return problems


def test_the_kustomization_applies_every_manifest_once():
    listed = listed_manifests()
    assert len(listed) == len(set(listed))
    assert sorted(listed) == sorted(p for p in K8S.glob("*.yaml") if p.name != "kustomization.yaml")
    kinds = set(objects())
    assert kinds == {"Deployment", "Service", "Ingress", "HorizontalPodAutoscaler"}


@pytest.mark.parametrize("version", K8S_VERSIONS)
@pytest.mark.parametrize("path", listed_manifests(), ids=lambda p: p.name)
def test_every_manifest_validates_against_the_pinned_kubernetes_schema(path, version):
    validate_file(path, version)


BREAKAGES = {
    "misspelt field": lambda d: d["spec"]["template"]["spec"]["containers"][0].update(
        readinesProbe=d["spec"]["template"]["spec"]["containers"][0].pop("readinessProbe")),
    "port as text": lambda d: d["spec"]["template"]["spec"]["containers"][0]["ports"][0].update(
        containerPort="8501"),
    "no selector": lambda d: d["spec"].pop("selector"),
}


@pytest.mark.parametrize("breakage", BREAKAGES)
def test_a_broken_manifest_is_rejected(breakage, tmp_path):
    deployment = copy.deepcopy(objects()["Deployment"])
    BREAKAGES[breakage](deployment)
    broken = tmp_path / "deployment.yaml"
    broken.write_text(yaml.safe_dump(deployment), encoding="utf-8")
    with pytest.raises(kubernetes_validate.ValidationError):
        validate_file(broken, K8S_VERSIONS[0])


def test_a_kind_without_a_schema_is_rejected(tmp_path):
    unknown = tmp_path / "unknown.yaml"
    unknown.write_text("apiVersion: apps/v1\nkind: Deploymnet\nmetadata: {name: x}\n")
    with pytest.raises(kubernetes_validate.SchemaNotFoundError):
        validate_file(unknown, K8S_VERSIONS[0])


def test_the_manifests_compose_file_nginx_and_dockerfile_agree():
    compose = documents(DEPLOY / "compose.yaml")[0]
    assert mismatches(objects(), compose, dockerfile()) == []


def test_a_disagreement_is_reported():
    found, compose, image = objects(), documents(DEPLOY / "compose.yaml")[0], dockerfile()
    found["Deployment"]["spec"]["template"]["spec"]["containers"][0]["readinessProbe"]["httpGet"][
        "path"] = "/healthz"
    compose["services"]["app"]["deploy"]["replicas"] = 3
    image["expose"] += 1
    problems = "\n".join(mismatches(found, compose, image))
    for expected in ("readinessProbe", "compose app replicas", "Deployment container ports",
                     "compose app expose", "compose proxy upstream"):
        assert expected in problems


@pytest.mark.skipif(shutil.which("nginx") is None, reason="nginx is not installed")
def test_the_nginx_configs_pass_nginx_t(tmp_path):
    """deploy/nginx.conf as scale_out.sh starts it, and compose.conf laid out as in the nginx
    image (conf.d/default.conf inside its http block, deploy/nginx/ at atlas/), with the app's
    service name replaced by loopback, which only the compose network resolves."""
    (tmp_path / "tmp").mkdir()
    image = tmp_path / "etc"
    (image / "conf.d").mkdir(parents=True)
    (image / "atlas").symlink_to(NGINX)
    conf = (NGINX / "compose.conf").read_text(encoding="utf-8")
    (image / "conf.d" / "default.conf").write_text(
        re.sub(r"server \w+:", "server 127.0.0.1:", conf), encoding="utf-8")
    (image / "nginx.conf").write_text(
        f"pid {tmp_path}/nginx.pid;\nevents {{}}\nhttp {{\n    include conf.d/*.conf;\n}}\n")
    for config in (DEPLOY / "nginx.conf", image / "nginx.conf"):
        result = subprocess.run(
            ["nginx", "-t", "-q", "-p", str(tmp_path), "-e", str(tmp_path / "error.log"),
             "-c", str(config)], capture_output=True, text=True, timeout=30)
        assert result.returncode == 0, result.stderr
