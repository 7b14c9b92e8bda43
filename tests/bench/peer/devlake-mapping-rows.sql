-- Fills devlake_peer's tables from Shipshape's rows for the services :services (each service is a
-- DevLake cicd scope, repo and board). Each Shipshape deployment is one DevLake deployment with one
-- deployment commit. Where DevLake's own plugins precompute a column, it is computed here by the
-- contract's definitions, as its plugins would have stored it:
--   lead_time_minutes = the truncated minutes from an incident's start to its resolution.
set search_path = devlake_peer, public;

insert into cicd_deployment_commits (id, cicd_deployment_id, cicd_scope_id, result, environment, finished_date)
select d.id::text, d.id::text, d."serviceId"::text, upper(d.status), upper(d.environment), d."finishedAt"
from public."Deployment" d where d."serviceId" = any(:services::uuid[]);

insert into pull_requests (id, base_repo_id, merged_date)
select p."deploymentId"::text || '#' || p.number, d."serviceId"::text, p."mergedAt"
from public."DeploymentPullRequest" p join public."Deployment" d on d.id = p."deploymentId"
where d."serviceId" = any(:services::uuid[]);

insert into boards (id) select s.id::text from unnest(:services::uuid[]) as s(id);

insert into issues (id, type, created_date, resolution_date, lead_time_minutes)
select i.id::text, 'INCIDENT', i."startedAt", i."resolvedAt",
       trunc(extract(epoch from (i."resolvedAt" - i."startedAt")) / 60)
from public."Incident" i where i."serviceId" = any(:services::uuid[]);

insert into board_issues (board_id, issue_id)
select i."serviceId"::text, i.id::text from public."Incident" i where i."serviceId" = any(:services::uuid[]);
