/*
 * Fleet runs: one row per fleet plan or rollout, queued by an admin's request
 * and executed by the fleet worker, so a run's progress and result outlive
 * the request and a backend restart.
 *
 * At most one run is queued or running: `active_slot` is the constant
 * `fleet` while the run is queued or running and NULL once it ended, and it
 * is unique. SQLite and PostgreSQL both treat NULLs as distinct (as for
 * `environments.active_name`), so the database, not a racy pre-check,
 * settles two admins starting a run at once.
 *
 * `worker_id` names the backend process executing the run; its heartbeat
 * (`heartbeat_at`) tells a dead process from a live one. JSON documents are
 * text columns, never queried inside.
 */

/** @param {import('knex').Knex} knex */
exports.up = async function up(knex) {
  await knex.schema.createTable('enclave_fleet_runs', table => {
    table.comment('Fleet plans and rollouts (admins), run by the fleet worker');
    table.string('id').primary().notNullable().comment('uuid');
    table.string('kind').notNullable().comment('plan | rollout');
    table
      .string('status')
      .notNullable()
      .comment('queued | running | succeeded | failed | interrupted');
    table.string('to_version').notNullable();
    table.string('initiator').notNullable().comment('Entity ref of the admin');
    table
      .string('plan_run_id')
      .nullable()
      .comment('For a rollout: the plan run it rolls out');
    table.integer('canary_size').nullable();
    table.integer('concurrency').nullable();
    table
      .string('active_slot')
      .nullable()
      .comment("'fleet' while queued or running, NULL once ended (unique)");
    table
      .string('worker_id')
      .nullable()
      .comment('The backend process executing the run');
    table.timestamp('created_at', { useTz: true }).notNullable();
    table.timestamp('started_at', { useTz: true }).nullable();
    table.timestamp('heartbeat_at', { useTz: true }).nullable();
    table.timestamp('finished_at', { useTz: true }).nullable();
    table.text('progress').notNullable().comment('JSON: per environment id');
    table.text('result').nullable().comment('JSON: FleetPlan or FleetRollout');
    table.text('error').nullable();
    table.unique(['active_slot'], {
      indexName: 'enclave_fleet_runs_active_slot_uniq',
    });
    table.index(['kind', 'created_at'], 'enclave_fleet_runs_kind_created_idx');
  });
};

/** @param {import('knex').Knex} knex */
exports.down = async function down(knex) {
  await knex.schema.dropTable('enclave_fleet_runs');
};
