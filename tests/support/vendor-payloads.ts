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
  payload?: Record<string, unknown> | string;
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
      payload: opts.payload ?? {},
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
  commits: Array<{ sha: string; timestamp: string; message?: string; modified?: string[] }>;
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
    modified: c.modified ?? ["README.md"],
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
  labels?: string[];
  title?: string;
  body?: string;
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
      title: opts.title ?? "Update the README with new information.",
      user: repository.owner,
      body: opts.body ?? "This is a pretty simple change that we need to pull into main.",
      created_at: opts.createdAt,
      updated_at: closedAt,
      closed_at: closedAt,
      merged_at: opts.mergedAt,
      merge_commit_sha: opts.mergeCommitSha,
      assignee: null,
      assignees: [],
      requested_reviewers: [],
      labels: (opts.labels ?? []).map((name, i) => ({
        id: 208045946 + i,
        node_id: "MDU6TGFiZWwyMDgwNDU5NDY=",
        url: `${repository.url}/labels/${encodeURIComponent(name)}`,
        name,
        description: null,
        color: "d73a4a",
        default: false,
      })),
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
