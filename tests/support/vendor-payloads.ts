// Webhook bodies in the shapes the vendors document (GitHub: the octokit/webhooks payload examples;
// PagerDuty: the v3 webhook overview's event and data types), with the fields a test varies as
// parameters. Everything else a vendor sends is here too, so that a handler that reads only what
// it needs is tested against the whole shape.

type GithubRepo = { owner: string; name: string; host?: string };

function githubRepository({ owner, name, host = "github.com" }: GithubRepo) {
  const api = host === "github.com" ? "https://api.github.com" : `https://${host}/api/v3`;
  const user = { login: owner, id: 21031067, type: "User", site_admin: false, html_url: `https://${host}/${owner}` };
  return {
    id: 186853002,
    node_id: "MDEwOlJlcG9zaXRvcnkxODY4NTMwMDI=",
    name,
    full_name: `${owner}/${name}`,
    private: false,
    owner: user,
    html_url: `https://${host}/${owner}/${name}`,
    url: `${api}/repos/${owner}/${name}`,
    deployments_url: `${api}/repos/${owner}/${name}/deployments`,
    git_url: `git://${host}/${owner}/${name}.git`,
    ssh_url: `git@${host}:${owner}/${name}.git`,
    clone_url: `https://${host}/${owner}/${name}.git`,
    default_branch: "main",
  };
}

/** A `deployment_status` event (action "created"), as GitHub and GitHub Enterprise Server send it. */
export function githubDeploymentStatus(opts: {
  repo: GithubRepo;
  deploymentId: number;
  state?: string;
  environment?: string;
  sha?: string;
  createdAt?: string;
  finishedAt?: string;
}) {
  const repository = githubRepository(opts.repo);
  const environment = opts.environment ?? "production";
  const createdAt = opts.createdAt ?? "2026-02-01T10:00:00Z";
  const finishedAt = opts.finishedAt ?? "2026-02-01T10:07:00Z";
  const deploymentUrl = `${repository.url}/deployments/${opts.deploymentId}`;
  return {
    action: "created",
    deployment_status: {
      url: `${deploymentUrl}/statuses/209916254`,
      id: 209916254,
      node_id: "MDE2OkRlcGxveW1lbnRTdGF0dXMyMDk5MTYyNTQ=",
      state: opts.state ?? "success",
      creator: repository.owner,
      description: "",
      environment,
      target_url: "",
      created_at: finishedAt,
      updated_at: finishedAt,
      deployment_url: deploymentUrl,
      repository_url: repository.url,
    },
    deployment: {
      url: deploymentUrl,
      id: opts.deploymentId,
      node_id: "MDEwOkRlcGxveW1lbnQxNDU5ODg3NDY=",
      sha: opts.sha ?? "f95f852bd8fca8fcc58a9a2d6c842781e32a215e",
      ref: "main",
      task: "deploy",
      payload: {},
      original_environment: environment,
      environment,
      description: null,
      creator: repository.owner,
      created_at: createdAt,
      updated_at: finishedAt,
      statuses_url: `${deploymentUrl}/statuses`,
      repository_url: repository.url,
      performed_via_github_app: null,
    },
    repository,
    sender: repository.owner,
  };
}

/** A `push` event (octokit/webhooks payload-examples push), its commits oldest first. */
export function githubPush(opts: {
  repo: GithubRepo;
  ref?: string;
  before: string;
  after: string;
  commits: Array<{ sha: string; timestamp: string; message?: string }>;
  forced?: boolean;
}) {
  const repository = githubRepository(opts.repo);
  const author = { name: "Codertocat", email: "21031067+Codertocat@users.noreply.github.com", username: "Codertocat" };
  const commits = opts.commits.map((c) => ({
    id: c.sha,
    tree_id: "f9d2a07e9488b91af2641b26b9407fe22a451433",
    distinct: true,
    message: c.message ?? "Update README.md",
    timestamp: c.timestamp,
    url: `${repository.html_url}/commit/${c.sha}`,
    author,
    committer: { name: "GitHub", email: "noreply@github.com", username: "web-flow" },
    added: [],
    removed: [],
    modified: ["README.md"],
  }));
  return {
    ref: opts.ref ?? "refs/heads/main",
    before: opts.before,
    after: opts.after,
    repository: { ...repository, pushed_at: 1557933657, master_branch: "main" },
    pusher: { name: "Codertocat", email: author.email },
    sender: repository.owner,
    created: /^0+$/.test(opts.before),
    deleted: false,
    forced: opts.forced ?? false,
    base_ref: null,
    compare: `${repository.html_url}/compare/${opts.before.slice(0, 12)}...${opts.after.slice(0, 12)}`,
    commits,
    head_commit: commits.at(-1) ?? null,
  };
}

/** A `pull_request` event with action "closed" (octokit/webhooks payload-examples), merged or not. */
export function githubPullRequestClosed(opts: {
  repo: GithubRepo;
  number: number;
  createdAt: string;
  mergedAt: string | null;
  mergeCommitSha: string;
  headRef: string;
  headSha: string;
}) {
  const repository = githubRepository(opts.repo);
  const closedAt = opts.mergedAt ?? "2026-02-01T12:00:00Z";
  return {
    action: "closed",
    number: opts.number,
    pull_request: {
      url: `${repository.url}/pulls/${opts.number}`,
      id: 279147437,
      node_id: "MDExOlB1bGxSZXF1ZXN0Mjc5MTQ3NDM3",
      html_url: `${repository.html_url}/pull/${opts.number}`,
      number: opts.number,
      state: "closed",
      locked: false,
      title: "Update the README with new information.",
      user: repository.owner,
      body: "This is a pretty simple change that we need to pull into main.",
      created_at: opts.createdAt,
      updated_at: closedAt,
      closed_at: closedAt,
      merged_at: opts.mergedAt,
      merge_commit_sha: opts.mergeCommitSha,
      assignee: null,
      assignees: [],
      requested_reviewers: [],
      labels: [],
      head: {
        label: `${opts.repo.owner}:${opts.headRef}`,
        ref: opts.headRef,
        sha: opts.headSha,
        user: repository.owner,
        repo: repository,
      },
      base: {
        label: `${opts.repo.owner}:main`,
        ref: "main",
        sha: "f95f852bd8fca8fcc58a9a2d6c842781e32a215e",
        user: repository.owner,
        repo: repository,
      },
      author_association: "OWNER",
      draft: false,
      merged: opts.mergedAt !== null,
      mergeable: null,
      merged_by: opts.mergedAt ? repository.owner : null,
      comments: 0,
      review_comments: 0,
      commits: 1,
      additions: 1,
      deletions: 1,
      changed_files: 1,
    },
    repository,
    sender: repository.owner,
  };
}

/** GitHub's `ping`, sent when a webhook is created. */
export function githubPing(repo: GithubRepo) {
  return {
    zen: "Design for failure.",
    hook_id: 109948940,
    hook: { type: "Repository", id: 109948940, name: "web", active: true, events: ["deployment_status"] },
    repository: githubRepository(repo),
    sender: githubRepository(repo).owner,
  };
}

const ref = (type: string, id: string, summary: string) => ({
  html_url: `https://acme.pagerduty.com/${type}s/${id}`,
  id,
  self: `https://api.pagerduty.com/${type}s/${id}`,
  summary,
  type: `${type}_reference`,
});

/** The `incident` data type of a v3 event. `createdAt: null` leaves `created_at` out. */
function pagerdutyIncident(opts: { incidentId: string; serviceId: string; createdAt: string | null; status: string }) {
  return {
    id: opts.incidentId,
    type: "incident",
    self: `https://api.pagerduty.com/incidents/${opts.incidentId}`,
    html_url: `https://acme.pagerduty.com/incidents/${opts.incidentId}`,
    number: 2,
    status: opts.status,
    incident_key: "d3640fbd41094207a1c11e58e46b1662",
    ...(opts.createdAt === null ? {} : { created_at: opts.createdAt }),
    title: "A little bump in the road",
    service: ref("service", opts.serviceId, "API Service"),
    assignees: [ref("user", "PTUXL6G", "User 123")],
    escalation_policy: ref("escalation_policy", "PUS0KTE", "Default"),
    teams: [ref("team", "PFCVPS0", "Engineering")],
    priority: {
      ...ref("priority", "PSO75BM", "P1"),
      html_url: "https://acme.pagerduty.com/account/incident_priorities",
    },
    urgency: "high",
    conference_bridge: { conference_number: "+1 1234123412,,987654321#", conference_url: "https://example.com" },
    resolve_reason: null,
  };
}

const envelope = <T extends object>(
  id: string,
  eventType: string,
  resourceType: string,
  occurredAt: string,
  data: T,
) => ({
  event: {
    id,
    event_type: eventType,
    resource_type: resourceType,
    occurred_at: occurredAt,
    agent: ref("user", "PLH1HKV", "Tenex Engineer"),
    client: { name: "PagerDuty" },
    data,
  },
});

/** `incident.triggered`, `incident.resolved`, `incident.acknowledged`…: events whose data is the incident. */
export function pagerdutyIncidentEvent(opts: {
  eventId: string;
  eventType: string;
  occurredAt: string;
  incidentId: string;
  serviceId: string;
  createdAt?: string | null;
}) {
  const status = opts.eventType === "incident.resolved" ? "resolved" : "triggered";
  return envelope(
    opts.eventId,
    opts.eventType,
    "incident",
    opts.occurredAt,
    pagerdutyIncident({ ...opts, createdAt: opts.createdAt === undefined ? opts.occurredAt : opts.createdAt, status }),
  );
}

/** `incident.annotated`: its data is a note, which names the incident but no service. */
export function pagerdutyAnnotated(opts: { eventId: string; incidentId: string; occurredAt: string }) {
  return envelope(opts.eventId, "incident.annotated", "incident", opts.occurredAt, {
    incident: { ...ref("incident", opts.incidentId, "A little bump in the road") },
    id: "P2LA89X",
    content: "I sure am glad we are using PagerDuty!",
    trimmed: false,
    type: "incident_note",
  });
}

/** The test event of "Send test event" on a webhook subscription. */
export function pagerdutyPing(eventId: string) {
  return {
    event: {
      id: eventId,
      event_type: "pagey.ping",
      resource_type: "pagey",
      occurred_at: "2026-02-01T03:00:55.532Z",
      agent: { id: "PVE0ZR9", type: "user_reference" },
      client: null,
      data: { message: "Hello from your friend Pagey!", type: "ping" },
    },
  };
}

/**
 * An Alertmanager webhook notification (receiver format version 4, as in the Prometheus
 * configuration docs), one alert per entry; times are Go's RFC 3339 with nanoseconds.
 */
export function alertmanagerNotification(
  alerts: Array<{
    status: "firing" | "resolved";
    labels: Record<string, string>;
    summary?: string;
    startsAt: string;
    endsAt?: string;
    fingerprint?: string;
  }>,
) {
  const status = alerts.some((a) => a.status === "firing") ? "firing" : "resolved";
  const common = alerts.length === 1 ? alerts[0].labels : {};
  return {
    receiver: "shipshape",
    status,
    alerts: alerts.map((a) => ({
      status: a.status,
      labels: a.labels,
      annotations: a.summary ? { summary: a.summary, description: `${a.summary} (from a test)` } : {},
      startsAt: a.startsAt,
      endsAt: a.endsAt ?? "0001-01-01T00:00:00Z",
      generatorURL: "http://prometheus.example.org:9090/graph?g0.expr=probe_success+%3D%3D+0&g0.tab=1",
      ...(a.fingerprint ? { fingerprint: a.fingerprint } : {}),
    })),
    groupLabels: { alertname: alerts[0]?.labels.alertname ?? "" },
    commonLabels: common,
    commonAnnotations: {},
    externalURL: "http://alertmanager.example.org:9093",
    version: "4",
    groupKey: '{}/{severity="critical"}:{alertname="ProbeFailure"}',
    truncatedAlerts: 0,
  };
}

/** Opsgenie's alert action data as its webhook integration posts it (createdAt ms, updatedAt ns). */
export function opsgenieAction(opts: {
  action: string;
  alertId: string;
  tags?: string[];
  entity?: string;
  message?: string;
  createdAtMs: number;
  updatedAtMs: number;
}) {
  return {
    source: { name: "web", type: "API" },
    alert: {
      updatedAt: opts.updatedAtMs * 1_000_000,
      tags: opts.tags ?? [],
      teams: ["team1"],
      recipients: ["recipient1"],
      message: opts.message ?? "Checkout errors above 5%",
      username: "fili@example.com",
      alertId: opts.alertId,
      source: "fili@example.com",
      alias: `alias-${opts.alertId}`,
      tinyId: "23",
      createdAt: opts.createdAtMs,
      userId: "daed1180-0ce8-438b-8f8e-57e1a5920a2d",
      entity: opts.entity ?? "",
      priority: "P1",
    },
    action: opts.action,
    integrationId: "37c8f316-17c6-49d7-899b-9c7e540c048d",
    integrationName: "Shipshape",
  };
}

type GitlabProject = { path: string; host?: string };

function gitlabProject({ path, host = "gitlab.com" }: GitlabProject) {
  const web = `https://${host}/${path}`;
  return {
    id: 30,
    name: path.split("/").at(-1) ?? path,
    description: "",
    web_url: web,
    avatar_url: null,
    git_ssh_url: `git@${host}:${path}.git`,
    git_http_url: `${web}.git`,
    namespace: path.split("/")[0],
    visibility_level: 0,
    path_with_namespace: path,
    default_branch: "main",
    ci_config_path: "",
    homepage: web,
    url: `git@${host}:${path}.git`,
    ssh_url: `git@${host}:${path}.git`,
    http_url: `${web}.git`,
  };
}
const gitlabUser = {
  id: 1,
  name: "Administrator",
  username: "root",
  avatar_url: "https://www.gravatar.com/avatar/e64c7d89f26bd1972efa854d13d7dd61?s=80&d=identicon",
  email: "admin@example.com",
};

/** A GitLab Deployment Hook (docs: webhook events, "Deployment events"); times as GitLab sends them. */
export function gitlabDeployment(opts: {
  project: GitlabProject;
  deploymentId: number;
  status: string;
  statusChangedAt: string;
  sha: string;
  environment?: string;
  tier?: string;
}) {
  const project = gitlabProject(opts.project);
  return {
    object_kind: "deployment",
    status: opts.status,
    status_changed_at: opts.statusChangedAt,
    deployment_id: opts.deploymentId,
    deployable_id: 796,
    deployable_url: `${project.web_url}/-/jobs/796`,
    environment: opts.environment ?? "production",
    environment_tier: opts.tier ?? "production",
    environment_slug: opts.environment ?? "production",
    environment_external_url: "https://www.example.com",
    project,
    short_sha: opts.sha.slice(0, 8),
    user: gitlabUser,
    user_url: `https://${opts.project.host ?? "gitlab.com"}/root`,
    commit_url: `${project.web_url}/-/commit/${opts.sha}`,
    commit_title: "Add new file",
  };
}

/** A GitLab Push Hook, its commits oldest first. */
export function gitlabPush(opts: {
  project: GitlabProject;
  ref?: string;
  before: string;
  after: string;
  commits: Array<{ sha: string; timestamp: string }>;
}) {
  const project = gitlabProject(opts.project);
  return {
    object_kind: "push",
    event_name: "push",
    before: opts.before,
    after: opts.after,
    ref: opts.ref ?? "refs/heads/main",
    ref_protected: true,
    checkout_sha: opts.after,
    user_id: 4,
    user_name: "John Smith",
    user_username: "jsmith",
    user_email: "john@example.com",
    project_id: project.id,
    project,
    commits: opts.commits.map((c) => ({
      id: c.sha,
      message: "Update Catalan translation to e38cb41.",
      title: "Update Catalan translation to e38cb41.",
      timestamp: c.timestamp,
      url: `${project.web_url}/-/commit/${c.sha}`,
      author: { name: "Jordi Mallach", email: "jordi@softcatala.org" },
      added: ["CHANGELOG"],
      modified: ["app/controller/application.rb"],
      removed: [],
    })),
    total_commits_count: opts.commits.length,
    repository: { name: project.name, url: project.url, homepage: project.homepage },
  };
}

/** A GitLab Merge Request Hook for a merge (object_attributes as the docs show them). */
export function gitlabMergeRequest(opts: {
  project: GitlabProject;
  iid: number;
  action: string;
  state: string;
  createdAt: string;
  updatedAt: string;
  mergeCommitSha: string | null;
  sourceBranch: string;
  lastCommit: string;
}) {
  const project = gitlabProject(opts.project);
  return {
    object_kind: "merge_request",
    event_type: "merge_request",
    user: gitlabUser,
    project,
    object_attributes: {
      id: 99,
      iid: opts.iid,
      target_branch: "main",
      source_branch: opts.sourceBranch,
      source_project_id: project.id,
      author_id: 51,
      title: "MS-Viewport",
      created_at: opts.createdAt,
      updated_at: opts.updatedAt,
      state: opts.state,
      merge_status: "can_be_merged",
      merge_commit_sha: opts.mergeCommitSha,
      squash_commit_sha: null,
      target_project_id: project.id,
      description: "",
      url: `${project.web_url}/-/merge_requests/${opts.iid}`,
      last_commit: {
        id: opts.lastCommit,
        message: "fixed readme",
        title: "Update file README.md",
        timestamp: opts.createdAt,
        url: `${project.web_url}/-/commit/${opts.lastCommit}`,
        author: { name: "GitLab dev user", email: "gitlabdev@dv6700.(none)" },
      },
      work_in_progress: false,
      draft: false,
      action: opts.action,
    },
    labels: [],
    changes: {},
    repository: { name: project.name, url: project.url, homepage: project.homepage },
  };
}

/** An incident.io v2 incident (IncidentV2 in their webhooks OpenAPI), as its events carry it. */
export function incidentIoIncident(opts: {
  id: string;
  status: "triage" | "active" | "post-incident" | "closed" | "declined";
  createdAt: string;
  updatedAt: string;
  service?: string;
  resolvedAt?: string;
}) {
  return {
    id: opts.id,
    reference: "INC-123",
    name: "Checkout is returning 500s",
    summary: "Our checkout service is returning 500s for 10% of requests.",
    permalink: `https://app.incident.io/incidents/${opts.id}`,
    mode: "standard",
    visibility: "public",
    created_at: opts.createdAt,
    updated_at: opts.updatedAt,
    incident_status: {
      id: "01FCNDV6P870EA6S7TK1DSYDG0",
      name: opts.status === "active" ? "Investigating" : opts.status,
      category: opts.status,
      description: "Impact has been fully mitigated.",
      rank: 4,
      created_at: "2021-08-17T13:28:57.801578Z",
      updated_at: "2021-08-17T13:28:57.801578Z",
    },
    severity: { id: "01FH5TZRWMNAFB0DZ23FD1TV96", name: "Minor", description: "Issues with low impact", rank: 1 },
    incident_type: { id: "01FH5TZRWMNAFB0DZ23FD1TV96", name: "Security incident", is_default: false },
    custom_field_entries: opts.service
      ? [
          {
            custom_field: {
              id: "01FCNDV6P870EA6S7TK1DSYDG0",
              name: "Affected services",
              description: "Which services were affected",
              field_type: "multi_select",
              options: [],
            },
            values: [{ value_option: { id: "01FCNDV6P870EA6S7TK1DSYDG0", value: opts.service, sort_key: 10 } }],
          },
        ]
      : [],
    incident_timestamp_values: opts.resolvedAt
      ? [
          {
            incident_timestamp: { id: "01FCNDV6P870EA6S7TK1DSYD5H", name: "Resolved at", rank: 1 },
            value: { value: opts.resolvedAt },
          },
        ]
      : [],
    incident_role_assignments: [],
    creator: { user: { id: "01FCNDV6P870EA6S7TK1DSYDG0", name: "Lisa Karlin Curtis", role: "viewer" } },
  };
}
