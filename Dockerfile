# The production image: Node 24 runs the TypeScript sources directly (type stripping), so there is
# no build step; dev dependencies are left out.
FROM node:24-bookworm-slim
WORKDIR /app
ENV NODE_ENV=production
COPY package.json package-lock.json ./
# patch-package (postinstall) fixes dependency bugs we hit, see patches/
COPY patches ./patches
RUN npm ci --omit=dev --no-audit --no-fund
COPY src ./src
COPY rooms ./rooms
COPY schema ./schema
COPY migrations ./migrations
USER node
EXPOSE 2567
CMD ["node", "src/main.ts"]
