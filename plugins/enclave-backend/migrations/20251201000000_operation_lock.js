/*
 * Lifecycle operations as a compare-and-set lock on the environment row.
 *
 * `environments.operation_id` names the one in-flight operation (NULL when
 * idle). It is set and cleared only by a conditional UPDATE
 * (`... WHERE operation_id IS NULL`), so two tasks can never both start, on
 * SQLite as on PostgreSQL with any number of replicas.
 *
 * `operations.heartbeat_at` is refreshed by the running task;
 * `operations.from_state` is the state the operation started from (where a
 * successful day-2 change returns); `operations.release_state` is where the
 * environment goes when the operation fails or the reconciler releases it
 * (`failed` for provision/destroy, the previous state for
 * add-user/remove-user/upgrade).
 */

/** @param {import('knex').Knex} knex */
exports.up = async function up(knex) {
  await knex.schema.alterTable('environments', table => {
    table
      .string('operation_id')
      .nullable()
      .comment('The in-flight lifecycle operation; NULL when idle');
  });
  await knex.schema.alterTable('operations', table => {
    table
      .timestamp('heartbeat_at', { useTz: true })
      .nullable()
      .comment('Last sign of life from the task running the operation');
    table
      .string('from_state')
      .nullable()
      .comment('State the environment was in when the operation started');
    table
      .string('release_state')
      .nullable()
      .comment('State the environment returns to if the operation fails');
    table.index(['result'], 'operations_result_idx');
  });
  // Environments already busy when this migration runs get their newest
  // running operation as the lock holder, so the reconciler can release them.
  const busy = await knex('environments')
    .whereIn('state', ['provisioning', 'updating', 'destroying'])
    .select('id', 'state');
  for (const env of busy) {
    const op = await knex('operations')
      .where({ environment_id: env.id, result: 'running' })
      .orderBy('started_at', 'desc')
      .first();
    if (op) {
      await knex('environments')
        .where({ id: env.id })
        .update({ operation_id: op.id });
      await knex('operations').where({ id: op.id }).update({
        heartbeat_at: op.started_at,
        release_state: 'failed',
      });
    }
  }
};

/** @param {import('knex').Knex} knex */
exports.down = async function down(knex) {
  await knex.schema.alterTable('operations', table => {
    table.dropIndex(['result'], 'operations_result_idx');
    table.dropColumn('release_state');
    table.dropColumn('from_state');
    table.dropColumn('heartbeat_at');
  });
  await knex.schema.alterTable('environments', table => {
    table.dropColumn('operation_id');
  });
};
