-- The subset of Apache DevLake's domain layer that its DORA dashboard reads, in a schema of its own
-- (columns as DevLake names them, types in PostgreSQL's terms). Keys and indexes follow DevLake's
-- models: primary keys on id, project_mapping keyed by (project_name, table, row_id).
drop schema if exists devlake_peer cascade;
create schema devlake_peer;
set search_path = devlake_peer;

create table project_mapping (
  project_name varchar(255) not null,
  "table" varchar(255) not null,
  row_id varchar(255) not null,
  primary key (project_name, "table", row_id)
);

create table cicd_deployment_commits (
  id varchar(255) primary key,
  cicd_deployment_id varchar(255) not null,
  cicd_scope_id varchar(255) not null,
  result varchar(100) not null,
  environment varchar(255) not null,
  finished_date timestamptz
);
create index on cicd_deployment_commits (cicd_scope_id);
create index on cicd_deployment_commits (cicd_deployment_id);

create table pull_requests (
  id varchar(255) primary key,
  base_repo_id varchar(255) not null,
  merged_date timestamptz
);

create table project_pr_metrics (
  id varchar(255) not null,
  project_name varchar(255) not null,
  deployment_commit_id varchar(255),
  pr_cycle_time bigint,
  primary key (id, project_name)
);

create table issues (
  id varchar(255) primary key,
  type varchar(100) not null,
  created_date timestamptz,
  resolution_date timestamptz,
  lead_time_minutes bigint
);

create table boards (id varchar(255) primary key);

create table board_issues (
  board_id varchar(255) not null,
  issue_id varchar(255) not null,
  primary key (board_id, issue_id)
);

create table project_issue_metrics (
  id varchar(255) not null,
  project_name varchar(255) not null,
  deployment_id varchar(255),
  primary key (id, project_name)
);
create index on project_issue_metrics (deployment_id);
