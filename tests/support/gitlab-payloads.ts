// GitLab webhook bodies in the shapes its "Webhook events" docs show (Deployment, Push and Merge
// request events), with the fields a test varies as parameters.

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
  commits: Array<{ sha: string; timestamp: string; message?: string; modified?: string[] }>;
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
      message: c.message ?? "Update Catalan translation to e38cb41.",
      title: (c.message ?? "Update Catalan translation to e38cb41.").split("\n")[0],
      timestamp: c.timestamp,
      url: `${project.web_url}/-/commit/${c.sha}`,
      author: { name: "Jordi Mallach", email: "jordi@softcatala.org" },
      added: ["CHANGELOG"],
      modified: c.modified ?? ["app/controller/application.rb"],
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
  labels?: string[];
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
    labels: (opts.labels ?? []).map((title, i) => ({
      id: 206 + i,
      title,
      color: "#dc3545",
      project_id: project.id,
      created_at: "2013-12-03T17:15:43Z",
      updated_at: "2013-12-03T17:15:43Z",
      template: false,
      description: null,
      type: "ProjectLabel",
      group_id: null,
    })),
    changes: {},
    repository: { name: project.name, url: project.url, homepage: project.homepage },
  };
}
