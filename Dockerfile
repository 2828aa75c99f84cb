# The web client is built (Vite, a dev dependency) in its own stage; only web/dist is kept.
FROM node:24-bookworm-slim AS web
WORKDIR /app
COPY package.json package-lock.json ./
COPY patches ./patches
RUN npm ci --no-audit --no-fund --ignore-scripts
COPY web ./web
COPY src ./src
COPY rooms ./rooms
COPY schema ./schema
RUN npm run build:web

# The production image: Node 24 runs the TypeScript sources directly (type stripping), so the
# server has no build step; dev dependencies are left out.
FROM node:24-bookworm-slim
WORKDIR /app
ENV NODE_ENV=production
COPY package.json package-lock.json ./
# patch-package (postinstall) fixes dependency bugs we hit, see patches/
COPY patches ./patches
# postinstall runs web/ensure-built.ts, which skips the build when Vite is absent (as here)
COPY web/ensure-built.ts ./web/ensure-built.ts
RUN npm ci --omit=dev --no-audit --no-fund
COPY src ./src
COPY rooms ./rooms
COPY schema ./schema
COPY migrations ./migrations
COPY --from=web /app/web/dist ./web/dist
USER node
EXPOSE 2567
CMD ["node", "src/launch.js"]
