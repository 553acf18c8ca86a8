'use strict';
// server.js — runs the bot: PORT (default 3000), REDIS_HOST/REDIS_PORT,
// APP_SECRET (Meta app secret), VERIFY_TOKEN, STATE_SECRET.
const { createBot } = require('./app');

const need = (name) => {
  if (!process.env[name]) throw new Error(`set ${name}`);
  return process.env[name];
};
const bot = createBot({
  redis: { host: process.env.REDIS_HOST || '127.0.0.1', port: Number(process.env.REDIS_PORT || 6379) },
  appSecret: need('APP_SECRET'),
  verifyToken: need('VERIFY_TOKEN'),
  stateSecret: need('STATE_SECRET'),
});
const server = bot.app.listen(Number(process.env.PORT || 3000), '127.0.0.1');
process.on('SIGTERM', () => server.close(() => bot.close()));
