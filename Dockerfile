# One image for every service; docker-compose.yml picks the entry point per service.
FROM node:24-trixie-slim AS build
WORKDIR /app
COPY package.json package-lock.json ./
# patches/ is applied by npm ci's postinstall (patch-package)
COPY patches ./patches
RUN npm ci --no-audit --no-fund
COPY . .
RUN npm run build && npm prune --omit=dev

FROM node:24-trixie-slim
ENV NODE_ENV=production
WORKDIR /app
COPY --from=build /app/package.json ./
COPY --from=build /app/node_modules ./node_modules
COPY --from=build /app/dist ./dist
COPY --from=build /app/portal/dist ./portal/dist
COPY --from=build /app/services/directory/data ./services/directory/data
COPY --from=build /app/services/results/assets ./services/results/assets
USER node
CMD ["node", "dist/launcher/embedded.main.js"]
