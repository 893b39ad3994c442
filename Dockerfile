# Entente in a container; docs/self-hosting.md explains how to run it.
#   docker build -t entente .

# Build stage: every dependency, the server compiled and the web UI bundled into dist/.
FROM node:20-bookworm-slim AS build
WORKDIR /app
COPY package.json package-lock.json ./
RUN npm ci --no-audit --no-fund
COPY . .
RUN npm run build

# Runtime stage: the runtime dependencies only, what the build made, and no root.
FROM node:20-bookworm-slim
WORKDIR /app
COPY package.json package-lock.json ./
RUN npm ci --omit=dev --no-audit --no-fund --cache /tmp/npm-cache && rm -rf /tmp/npm-cache
COPY --from=build /app/dist ./dist
COPY bin ./bin
# The embedded database (PGlite) lives in /data when DATABASE_URL is not set; backups go to /backups.
RUN mkdir /data /backups && chown node:node /data /backups
# NODE_ENV=production keeps the demo's door shut whatever the command.
ENV NODE_ENV=production HOST=0.0.0.0 PORT=3000 DATA_DIR=/data
VOLUME ["/data"]
EXPOSE 3000
# The official image's unprivileged user (uid 1000).
USER node
# Migrations run at start, before the server listens: a large upgrade may take a while.
HEALTHCHECK --interval=30s --timeout=5s --start-period=2m --retries=3 \
  CMD ["node", "-e", "fetch(`http://127.0.0.1:${process.env.PORT}/api/v1/health`).then((answer) => process.exit(answer.ok ? 0 : 1), () => process.exit(1))"]
CMD ["node", "bin/entente.js", "serve", "--no-demo"]
