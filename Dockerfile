# Innovation Atlas: one Streamlit server per container (see docs/deploy.md).
FROM python:3.11-slim

# ATLAS_DATA_DIR: `pip install .` puts the package in site-packages, so the loader's default
# (next to the source tree) would miss /app/data.
# STREAMLIT_SERVER_ADDRESS: the bound address; override with `docker run -e ...`.
# File watcher off and no tracebacks for visitors: code never changes in a running container.
ENV PYTHONDONTWRITEBYTECODE=1 \
    PYTHONUNBUFFERED=1 \
    PIP_NO_CACHE_DIR=1 \
    PIP_DISABLE_PIP_VERSION_CHECK=1 \
    ATLAS_DATA_DIR=/app/data \
    STREAMLIT_SERVER_ADDRESS=0.0.0.0 \
    STREAMLIT_SERVER_FILE_WATCHER_TYPE=none \
    STREAMLIT_CLIENT_SHOW_ERROR_DETAILS=type

# Chart downloads (PNG/SVG, citation bundle) and deck exports (PowerPoint, PDF) are drawn in
# the system Chromium (kaleido; PDF printing); Chinese text needs a CJK font. Unpinned: Debian's security updates should flow in on rebuild.
# hadolint ignore=DL3008
RUN apt-get update \
    && apt-get install -y --no-install-recommends chromium fonts-noto-cjk \
    && rm -rf /var/lib/apt/lists/*

WORKDIR /app

# Dependencies and package first, so editing pages or data does not reinstall them.
COPY pyproject.toml README.md ./
COPY src/ src/
RUN pip install . && rm -rf src build

COPY app.py ./
COPY pages/ pages/
COPY data/ data/
COPY .streamlit/ .streamlit/

# Unprivileged user with a home (Streamlit keeps a small ~/.streamlit there); code stays root-owned.
RUN useradd --create-home --uid 10001 --user-group atlas
USER 10001:10001

EXPOSE 8501

# python instead of curl: no extra package in the image. /_stcore/health answers "ok" once ready.
HEALTHCHECK --interval=30s --timeout=5s --start-period=30s --retries=3 \
    CMD ["python", "-c", "import urllib.request; urllib.request.urlopen('http://localhost:8501/_stcore/health', timeout=4)"]

# sh -c only to expand the address variable; exec keeps the server as PID 1 for signals.
# dashboard.serve = `streamlit run app.py` that loads the data while the first browser starts.
# Extra `docker run IMAGE --flag=value` arguments are passed on to streamlit.
ENTRYPOINT ["sh", "-c", "exec python -m dashboard.serve --server.port=8501 --server.address=\"${STREAMLIT_SERVER_ADDRESS:-0.0.0.0}\" \"$@\"", "streamlit"]
CMD []
