# The app image: Python 3.11, locked dependencies (no dev tools), served by gunicorn.
FROM python:3.11-slim-bookworm
ENV PYTHONDONTWRITEBYTECODE=1 PYTHONUNBUFFERED=1 UV_PYTHON_DOWNLOADS=never \
    UV_PROJECT_ENVIRONMENT=/opt/venv PATH=/opt/venv/bin:$PATH
RUN pip install --no-cache-dir uv==0.13.9 && useradd --create-home --uid 1000 pavilion
WORKDIR /app
COPY pyproject.toml uv.lock .python-version ./
RUN uv sync --frozen --no-dev --no-install-project
COPY . .
RUN mkdir -p /app/var/media /app/var/static && chown -R pavilion /app/var
USER pavilion
EXPOSE 8000
CMD ["sh", "deploy/start.sh"]
