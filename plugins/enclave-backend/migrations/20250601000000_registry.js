/*
 * The enclave registry: one row per environment and an append-only audit trail.
 *
 * Name uniqueness: `active_name` holds the name while the environment is not
 * destroyed and NULL once it is. The unique index is on (team, active_name);
 * SQLite and PostgreSQL both treat NULLs as distinct, so any number of destroyed
 * environments may share a name while at most one live environment holds it.
 * The database, not the application, settles concurrent creates.
 *
 * JSON documents are text columns: portable across SQLite and PostgreSQL, and
 * never queried inside.
 */

/** @param {import('knex').Knex} knex */
exports.up = async function up(knex) {
  await knex.schema.createTable('environments', table => {
    table.comment('Data Enclave environments (the registry)');
    table.string('id').primary().notNullable();
    table.string('name').notNullable();
    table.string('team').notNullable().comment('Owner group entity ref');
    table
      .string('active_name')
      .nullable()
      .comment('Equals name unless destroyed; NULL frees the name');
    table.string('region').notNullable();
    table.string('account_id').notNullable();
    table.string('state').notNullable();
    table.text('state_reason').nullable();
    table.string('phase').nullable();
    table.text('progress').nullable();
    table.string('stack_version').notNullable();
    table.text('spec').notNullable();
    table.text('outputs').notNullable();
    table.text('members').notNullable();
    table.text('guardrails').nullable();
    table.text('plan_summary').nullable();
    table.text('drift_summary').nullable();
    table.text('last_error').nullable();
    table.string('created_by').nullable();
    table.timestamp('created_at', { useTz: true }).notNullable();
    table.timestamp('updated_at', { useTz: true }).notNullable();
    table.unique(['team', 'active_name'], {
      indexName: 'environments_team_active_name_uniq',
    });
    table.index(['team'], 'environments_team_idx');
  });

  await knex.schema.createTable('operations', table => {
    table.comment('Audit trail: one row per operation on an environment');
    table.string('id').primary().notNullable();
    table
      .string('environment_id')
      .notNullable()
      .references('id')
      .inTable('environments')
      .onDelete('CASCADE');
    table.string('kind').notNullable();
    table.string('initiator').notNullable().comment('Entity ref of the actor');
    table.string('task_id').nullable().comment('Scaffolder task id');
    table.timestamp('started_at', { useTz: true }).notNullable();
    table.timestamp('finished_at', { useTz: true }).nullable();
    table.string('result').notNullable();
    table.text('error').nullable();
    table.text('detail').nullable();
    table.index(['environment_id', 'started_at'], 'operations_env_started_idx');
  });
};

/** @param {import('knex').Knex} knex */
exports.down = async function down(knex) {
  await knex.schema.dropTable('operations');
  await knex.schema.dropTable('environments');
};
