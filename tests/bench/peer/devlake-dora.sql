-- Apache DevLake's "Overall DORA Metrics" panel (grafana/dashboards/DORA.json, the
-- cicd_deployment_commits version), ported from MySQL to PostgreSQL by hand from its published
-- logic, for one project. Grafana's macros become parameters: $1 = $project, $2 = $__timeFrom(),
-- $3 = $__timeTo() (SYSDATE() in the original: the dashboard's range ends now). $__timeFilter(x)
-- is Grafana's `x BETWEEN from AND to`. Dates are UTC. The median is DevLake's: the largest value
-- whose percent_rank() is at most 0.5. Besides the panel's four labels, the raw figures behind
-- them are returned, so they can be compared with Shipshape's.
-- Runs with search_path = devlake_peer.
with last_few_calendar_months as (
  -- the days in the selected range: day n before "now", for n in 0..399, while after timeFrom
  select ((($3::timestamptz - n * interval '1 day') at time zone 'UTC')::date) as day
  from generate_series(0, 399) as n
  where $3::timestamptz - n * interval '1 day' > $2::timestamptz
),
_production_deployment_days as (
  -- several deployment commits of one deployment count once, on the last one's day
  select cdc.cicd_deployment_id as deployment_id, max((cdc.finished_date at time zone 'UTC')::date) as day
  from cicd_deployment_commits cdc
  join project_mapping pm on cdc.cicd_scope_id = pm.row_id and pm."table" = 'cicd_scopes'
  where pm.project_name in ($1) and cdc.result = 'SUCCESS' and cdc.environment = 'PRODUCTION'
  group by 1
),
_days_weeks_deploy as (
  select date_trunc('week', last_few_calendar_months.day)::date as week,
         max(case when _production_deployment_days.day is not null then 1 else 0 end) as weeks_deployed,
         count(distinct _production_deployment_days.day) as days_deployed
  from last_few_calendar_months
  left join _production_deployment_days on _production_deployment_days.day = last_few_calendar_months.day
  group by week
),
_monthly_deploy as (
  select date_trunc('month', last_few_calendar_months.day)::date as month,
         max(case when _production_deployment_days.day is not null then 1 else 0 end) as months_deployed
  from last_few_calendar_months
  left join _production_deployment_days on _production_deployment_days.day = last_few_calendar_months.day
  group by month
),
_median_number_of_deployment_days_per_week as (
  select max(days_deployed) as median_number_of_deployment_days_per_week
  from (select *, percent_rank() over (order by days_deployed) as ranks from _days_weeks_deploy) r
  where ranks <= 0.5
),
_median_number_of_deployment_days_per_month as (
  select max(months_deployed) as median_number_of_deployment_days_per_month
  from (select *, percent_rank() over (order by months_deployed) as ranks from _monthly_deploy) r
  where ranks <= 0.5
),
_pr_stats as (
  -- the cycle time of PRs deployed by deployments finished in the range
  select distinct pr.id, ppm.pr_cycle_time
  from pull_requests pr
  join project_pr_metrics ppm on ppm.id = pr.id
  join project_mapping pm on pr.base_repo_id = pm.row_id and pm."table" = 'repos'
  join cicd_deployment_commits cdc on ppm.deployment_commit_id = cdc.id
  where pm.project_name in ($1) and pr.merged_date is not null and ppm.pr_cycle_time is not null
    and cdc.finished_date between $2 and $3
),
_median_change_lead_time as (
  select max(pr_cycle_time) as median_change_lead_time
  from (select *, percent_rank() over (order by pr_cycle_time) as ranks from _pr_stats) r
  where ranks <= 0.5
),
_incidents as (
  -- the incidents created in the range
  select distinct i.id, i.lead_time_minutes
  from issues i
  join board_issues bi on i.id = bi.issue_id
  join boards b on bi.board_id = b.id
  join project_mapping pm on b.id = pm.row_id and pm."table" = 'boards'
  where pm.project_name in ($1) and i.type = 'INCIDENT' and i.created_date between $2 and $3
),
_median_mttr as (
  select max(lead_time_minutes) as median_time_to_resolve
  from (select *, percent_rank() over (order by lead_time_minutes) as ranks from _incidents) r
  where ranks <= 0.5
),
_deployments as (
  select cdc.cicd_deployment_id as deployment_id, max(cdc.finished_date) as deployment_finished_date
  from cicd_deployment_commits cdc
  join project_mapping pm on cdc.cicd_scope_id = pm.row_id and pm."table" = 'cicd_scopes'
  where pm.project_name in ($1) and cdc.result = 'SUCCESS' and cdc.environment = 'PRODUCTION'
  group by 1
  having max(cdc.finished_date) between $2 and $3
),
_failure_caused_by_deployments as (
  select d.deployment_id, d.deployment_finished_date,
         count(distinct case when i.type = 'INCIDENT' then d.deployment_id else null end) as has_incident
  from _deployments d
  left join project_issue_metrics pim on d.deployment_id = pim.deployment_id
  left join issues i on pim.id = i.id
  group by 1, 2
),
_change_failure_rate as (
  select case when count(deployment_id) = 0 then null
              else sum(has_incident)::numeric / count(deployment_id) end as change_failure_rate
  from _failure_caused_by_deployments
)
select
  w.median_number_of_deployment_days_per_week::int as median_deploy_days_per_week,
  m.median_number_of_deployment_days_per_month::int as median_months_deployed,
  lt.median_change_lead_time::int as median_change_lead_time,
  tr.median_time_to_resolve::int as median_time_to_resolve,
  cfr.change_failure_rate::float8 as change_failure_rate,
  case when w.median_number_of_deployment_days_per_week >= 3 then 'On-demand'
       when w.median_number_of_deployment_days_per_week >= 1 then 'Between once per week and once per month'
       when m.median_number_of_deployment_days_per_month >= 1 then 'Between once per month and once every 6 months'
       else 'Fewer than once per six months' end as deployment_frequency,
  case when lt.median_change_lead_time < 60 then 'Less than one hour'
       when lt.median_change_lead_time < 7 * 24 * 60 then 'Less than one week'
       when lt.median_change_lead_time < 180 * 24 * 60 then 'Between one week and six months'
       else 'More than six months' end as lead_time_for_changes,
  case when tr.median_time_to_resolve < 60 then 'Less than one hour'
       when tr.median_time_to_resolve < 24 * 60 then 'Less than one Day'
       when tr.median_time_to_resolve < 7 * 24 * 60 then 'Between one day and one week'
       else 'More than one week' end as time_to_restore_service,
  case when cfr.change_failure_rate <= .15 then '0-15%'
       when cfr.change_failure_rate <= .20 then '16%-20%'
       when cfr.change_failure_rate <= .30 then '21%-30%'
       else '> 30%' end as change_failure_rate_band
from _median_number_of_deployment_days_per_week w, _median_number_of_deployment_days_per_month m,
     _median_change_lead_time lt, _median_mttr tr, _change_failure_rate cfr
