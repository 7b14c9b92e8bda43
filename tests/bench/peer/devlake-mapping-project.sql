-- Adds a DevLake project (:project) made of the services :services, already mapped by
-- devlake-mapping-rows.sql, with the per-project metrics DevLake's DORA plugin stores:
--   pr_cycle_time = the three ceil-minute parts of a PR, each at least 0 (CONTRACT §4);
--   deployment_id = the incident's explicit deployment, else the service's latest successful
--                   production deployment that finished strictly before it started.
set search_path = devlake_peer, public;

insert into project_mapping (project_name, "table", row_id)
select :project, t.name, s.id::text
from unnest(:services::uuid[]) as s(id) cross join (values ('cicd_scopes'), ('repos'), ('boards')) as t(name);

insert into project_pr_metrics (id, project_name, deployment_commit_id, pr_cycle_time)
select p."deploymentId"::text || '#' || p.number, :project, d.id::text,
       greatest(0, coalesce(ceil(extract(epoch from (p."openedAt" - p."firstCommitAt")) / 60), 0))
     + greatest(0, coalesce(ceil(extract(epoch from (p."mergedAt" - p."openedAt")) / 60), 0))
     + greatest(0, coalesce(ceil(extract(epoch from (d."finishedAt" - p."mergedAt")) / 60), 0))
from public."DeploymentPullRequest" p join public."Deployment" d on d.id = p."deploymentId"
where d."serviceId" = any(:services::uuid[]) and d.status = 'success' and d.environment = 'production';

insert into project_issue_metrics (id, project_name, deployment_id)
select i.id::text, :project, coalesce(i."causedByDeploymentId", t.id)::text
from public."Incident" i
left join lateral (
  select d.id from public."Deployment" d
  where d."serviceId" = i."serviceId" and d.status = 'success' and d.environment = 'production'
    and d."finishedAt" < i."startedAt"
  order by d."finishedAt" desc, d.id desc
  limit 1
) t on i."causedByDeploymentId" is null
where i."serviceId" = any(:services::uuid[]);
