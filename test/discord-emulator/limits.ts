// The message rules real Discord enforces, so a bot that breaks them fails here as it would in production.
// Lengths are counted in code points (Discord's characters).

/* eslint-disable @typescript-eslint/no-explicit-any */

const LIMITS = {
  content: 2000,
  embeds: 10,
  embedTitle: 256,
  embedDescription: 4096,
  embedFields: 25,
  embedFieldName: 256,
  embedFieldValue: 1024,
  embedFooter: 2048,
  embedAuthor: 256,
  embedsTotal: 6000,
  actionRows: 5,
  rowComponents: 5,
  customId: 100,
  buttonLabel: 80,
} as const;

const chars = (value: unknown): number => (typeof value === 'string' ? [...value].length : 0);

/** Form-body errors for a message body, keyed by JSON path; empty when Discord would accept it. */
export function validateMessageBody(body: any, options: { requireSomething: boolean }): Record<string, string> {
  const errors: Record<string, string> = {};
  if (body === null || typeof body !== 'object') return { _: 'Body must be a JSON object.' };
  if (body.content !== undefined && body.content !== null) {
    if (typeof body.content !== 'string') errors.content = 'Must be a string.';
    else if (chars(body.content) > LIMITS.content) errors.content = `Must be ${LIMITS.content} or fewer in length.`;
  }
  const embeds: any[] = Array.isArray(body.embeds) ? body.embeds : [];
  if (embeds.length > LIMITS.embeds) errors.embeds = `Must be ${LIMITS.embeds} or fewer in length.`;
  let total = 0;
  embeds.forEach((embed, i) => {
    const at = `embeds.${i}`;
    const check = (path: string, value: unknown, max: number) => {
      total += chars(value);
      if (chars(value) > max) errors[`${at}.${path}`] = `Must be ${max} or fewer in length.`;
    };
    check('title', embed?.title, LIMITS.embedTitle);
    check('description', embed?.description, LIMITS.embedDescription);
    check('footer.text', embed?.footer?.text, LIMITS.embedFooter);
    check('author.name', embed?.author?.name, LIMITS.embedAuthor);
    const fields: any[] = Array.isArray(embed?.fields) ? embed.fields : [];
    if (fields.length > LIMITS.embedFields) errors[`${at}.fields`] = `Must be ${LIMITS.embedFields} or fewer in length.`;
    fields.forEach((field, j) => {
      if (!field?.name) errors[`${at}.fields.${j}.name`] = 'This field is required';
      if (!field?.value) errors[`${at}.fields.${j}.value`] = 'This field is required';
      check(`fields.${j}.name`, field?.name, LIMITS.embedFieldName);
      check(`fields.${j}.value`, field?.value, LIMITS.embedFieldValue);
    });
  });
  if (total > LIMITS.embedsTotal) errors.embeds = `Embed size exceeds maximum size of ${LIMITS.embedsTotal}`;

  const rows: any[] = Array.isArray(body.components) ? body.components : [];
  if (rows.length > LIMITS.actionRows) errors.components = `Must be ${LIMITS.actionRows} or fewer in length.`;
  const customIds = new Set<string>();
  rows.forEach((row, i) => {
    const items: any[] = Array.isArray(row?.components) ? row.components : [];
    if (row?.type !== 1) errors[`components.${i}.type`] = 'Top-level components must be action rows.';
    if (items.length === 0 || items.length > LIMITS.rowComponents) errors[`components.${i}.components`] = `Must be between 1 and ${LIMITS.rowComponents} in length.`;
    items.forEach((item, j) => {
      const at = `components.${i}.components.${j}`;
      if (item?.type !== 2) return;
      if (item.style !== 5) {
        if (typeof item.custom_id !== 'string' || chars(item.custom_id) === 0 || chars(item.custom_id) > LIMITS.customId) errors[`${at}.custom_id`] = `Must be between 1 and ${LIMITS.customId} in length.`;
        else if (customIds.has(item.custom_id)) errors[`${at}.custom_id`] = 'Component custom id cannot be duplicated';
        else customIds.add(item.custom_id);
      }
      if (chars(item.label) > LIMITS.buttonLabel) errors[`${at}.label`] = `Must be ${LIMITS.buttonLabel} or fewer in length.`;
      if (!item.label && !item.emoji) errors[`${at}.label`] = 'A button needs a label or an emoji.';
    });
  });

  const mentions = body.allowed_mentions;
  if (mentions !== undefined && mentions !== null) {
    const parse: unknown = mentions.parse;
    if (parse !== undefined && (!Array.isArray(parse) || parse.some((p) => !['users', 'roles', 'everyone'].includes(p as string)))) {
      errors['allowed_mentions.parse'] = 'Must be a list of users, roles, everyone.';
    }
  }

  if (options.requireSomething && !chars(body.content) && embeds.length === 0 && rows.length === 0) {
    errors._empty = 'Cannot send an empty message';
  }
  return errors;
}

export interface Ping {
  kind: 'everyone' | 'user' | 'role' | 'replied-user';
  target: string;
}

/**
 * Who a message would notify, by Discord's rules: with no allowed_mentions everything in the content
 * pings (and a reply pings its author); with allowed_mentions only what it allows does.
 */
export function pingsOf(body: any, repliedUserId: string | undefined): Ping[] {
  const content = typeof body?.content === 'string' ? body.content : '';
  const allowed = body?.allowed_mentions;
  const parse: string[] = allowed ? (Array.isArray(allowed.parse) ? allowed.parse : []) : ['users', 'roles', 'everyone'];
  const explicitUsers: string[] = Array.isArray(allowed?.users) ? allowed.users : [];
  const explicitRoles: string[] = Array.isArray(allowed?.roles) ? allowed.roles : [];
  const pings: Ping[] = [];
  if (parse.includes('everyone')) {
    for (const m of content.matchAll(/@(everyone|here)/g)) pings.push({ kind: 'everyone', target: m[1] ?? '' });
  }
  for (const m of content.matchAll(/<@!?(\d+)>/g)) {
    const id = m[1] ?? '';
    if (parse.includes('users') || explicitUsers.includes(id)) pings.push({ kind: 'user', target: id });
  }
  for (const m of content.matchAll(/<@&(\d+)>/g)) {
    const id = m[1] ?? '';
    if (parse.includes('roles') || explicitRoles.includes(id)) pings.push({ kind: 'role', target: id });
  }
  const repliedUser = allowed ? allowed.replied_user === true : true;
  if (repliedUserId && repliedUser) pings.push({ kind: 'replied-user', target: repliedUserId });
  return pings;
}
