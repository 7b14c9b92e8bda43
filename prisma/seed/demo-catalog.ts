// The demo organisation: six teams with different trajectories over the last 180 days, so trend
// charts show teams that improve and teams that slip.

export type Trajectory = "improving" | "steady" | "slipping";
export type ServiceKind = "service" | "data_pipeline" | "ml_model";

export type DemoService = {
  slug: string;
  name: string;
  tier: 1 | 2 | 3;
  lifecycle?: "experimental" | "production" | "deprecated";
  type?: ServiceKind;
  description: string;
  /** Leave catalog gaps on purpose, so scorecards have something to flag. */
  noRunbook?: boolean;
  noOnCall?: boolean;
};

export type DemoTeam = {
  slug: string;
  name: string;
  description: string;
  trajectory: Trajectory;
  /** Successful production deployments per service per week, at the start of the period. */
  weeklyDeploys: number;
  /** Reports pull requests with deployments (the PR lead-time path) instead of bare commits. */
  usesPullRequests: boolean;
  engineers: Array<{ email: string; name: string }>;
  services: DemoService[];
};

export const DEMO_TEAMS: DemoTeam[] = [
  {
    slug: "payments",
    name: "Payments",
    description: "Card processing, ledger and payouts.",
    trajectory: "improving",
    weeklyDeploys: 4,
    usesPullRequests: true,
    engineers: [
      { email: "amara.okafor@demo.shipshape.dev", name: "Amara Okafor" },
      { email: "jonas.berg@demo.shipshape.dev", name: "Jonas Berg" },
    ],
    services: [
      {
        slug: "payments-api",
        name: "Payments API",
        tier: 1,
        description: "Public API that authorises and captures card payments.",
      },
      {
        slug: "ledger",
        name: "Ledger",
        tier: 1,
        description: "Double-entry ledger; the source of truth for balances.",
      },
      { slug: "payouts", name: "Payouts", tier: 2, description: "Schedules and sends merchant payouts." },
      { slug: "refunds", name: "Refunds", tier: 2, description: "Refund and dispute workflows." },
      {
        slug: "fx-rates",
        name: "FX Rates",
        tier: 2,
        description: "Foreign-exchange rate cache and publisher.",
        noRunbook: true,
      },
      {
        slug: "invoice-renderer",
        name: "Invoice Renderer",
        tier: 3,
        description: "Renders PDF invoices.",
        noOnCall: true,
      },
      { slug: "card-vault", name: "Card Vault", tier: 1, description: "PCI-scoped tokenisation of card numbers." },
    ],
  },
  {
    slug: "checkout",
    name: "Checkout",
    description: "Cart, pricing and the checkout flow.",
    trajectory: "steady",
    weeklyDeploys: 6,
    usesPullRequests: true,
    engineers: [
      { email: "mei.tanaka@demo.shipshape.dev", name: "Mei Tanaka" },
      { email: "lucas.silva@demo.shipshape.dev", name: "Lucas Silva" },
    ],
    services: [
      { slug: "checkout-web", name: "Checkout Web", tier: 1, description: "The checkout single-page app and its BFF." },
      { slug: "cart", name: "Cart", tier: 1, description: "Shopping cart state and merging." },
      { slug: "pricing", name: "Pricing", tier: 1, description: "Prices, discounts and tax calculation." },
      { slug: "promotions", name: "Promotions", tier: 2, description: "Coupon and campaign engine." },
      {
        slug: "shipping-quotes",
        name: "Shipping Quotes",
        tier: 2,
        description: "Carrier rate shopping.",
        noRunbook: true,
      },
      {
        slug: "gift-cards",
        name: "Gift Cards",
        tier: 3,
        lifecycle: "experimental",
        description: "Gift card issuing (beta).",
      },
    ],
  },
  {
    slug: "identity",
    name: "Identity & Access",
    description: "Sign-in, sessions, permissions.",
    trajectory: "slipping",
    weeklyDeploys: 3,
    usesPullRequests: false,
    engineers: [
      { email: "sofia.rossi@demo.shipshape.dev", name: "Sofia Rossi" },
      { email: "daniel.kim@demo.shipshape.dev", name: "Daniel Kim" },
    ],
    services: [
      { slug: "auth-gateway", name: "Auth Gateway", tier: 1, description: "OAuth2/OIDC provider for all apps." },
      { slug: "sessions", name: "Sessions", tier: 1, description: "Session store and token refresh." },
      { slug: "permissions", name: "Permissions", tier: 2, description: "Role and policy evaluation." },
      { slug: "user-profile", name: "User Profile", tier: 2, description: "Profile data and preferences." },
      { slug: "mfa", name: "MFA", tier: 1, description: "One-time codes and WebAuthn.", noRunbook: true },
      {
        slug: "legacy-sso",
        name: "Legacy SSO",
        tier: 3,
        lifecycle: "deprecated",
        description: "SAML bridge for old partners.",
        noOnCall: true,
      },
    ],
  },
  {
    slug: "search",
    name: "Search & Discovery",
    description: "Search, recommendations and browse.",
    trajectory: "improving",
    weeklyDeploys: 5,
    usesPullRequests: false,
    engineers: [
      { email: "noah.fischer@demo.shipshape.dev", name: "Noah Fischer" },
      { email: "aisha.rahman@demo.shipshape.dev", name: "Aisha Rahman" },
    ],
    services: [
      { slug: "search-api", name: "Search API", tier: 1, description: "Query parsing and ranking." },
      { slug: "indexer", name: "Indexer", tier: 2, description: "Keeps the search index in sync with the catalog." },
      { slug: "autocomplete", name: "Autocomplete", tier: 2, description: "Type-ahead suggestions." },
      { slug: "browse", name: "Browse", tier: 2, description: "Category pages and facets." },
      {
        slug: "synonyms-admin",
        name: "Synonyms Admin",
        tier: 3,
        description: "Internal tool for search tuning.",
        noOnCall: true,
        noRunbook: true,
      },
      {
        slug: "spellcheck",
        name: "Spellcheck",
        tier: 3,
        lifecycle: "experimental",
        description: "Query spelling correction.",
      },
    ],
  },
  {
    slug: "data-platform",
    name: "Data Platform",
    description: "Pipelines, warehouse and data contracts.",
    trajectory: "steady",
    weeklyDeploys: 2,
    usesPullRequests: true,
    engineers: [
      { email: "olivia.brown@demo.shipshape.dev", name: "Olivia Brown" },
      { email: "mateo.garcia@demo.shipshape.dev", name: "Mateo García" },
    ],
    services: [
      {
        slug: "events-ingest",
        name: "Events Ingest",
        tier: 1,
        type: "data_pipeline",
        description: "Kafka to lake ingestion of product events.",
      },
      {
        slug: "orders-etl",
        name: "Orders ETL",
        tier: 2,
        type: "data_pipeline",
        description: "Nightly orders model for finance.",
      },
      {
        slug: "warehouse-loader",
        name: "Warehouse Loader",
        tier: 2,
        type: "data_pipeline",
        description: "Loads curated tables into the warehouse.",
      },
      {
        slug: "cdc-replicator",
        name: "CDC Replicator",
        tier: 2,
        type: "data_pipeline",
        description: "Change data capture from OLTP databases.",
      },
      {
        slug: "metrics-rollup",
        name: "Metrics Rollup",
        tier: 3,
        type: "data_pipeline",
        description: "Hourly business metric rollups.",
        noRunbook: true,
      },
      { slug: "data-catalog", name: "Data Catalog", tier: 3, description: "Dataset discovery UI." },
      { slug: "query-gateway", name: "Query Gateway", tier: 2, description: "SQL gateway with row-level security." },
    ],
  },
  {
    slug: "ml-platform",
    name: "ML Platform",
    description: "Model training, serving and features.",
    trajectory: "slipping",
    weeklyDeploys: 2,
    usesPullRequests: false,
    engineers: [
      { email: "ivan.petrov@demo.shipshape.dev", name: "Ivan Petrov" },
      { email: "grace.liu@demo.shipshape.dev", name: "Grace Liu" },
    ],
    services: [
      {
        slug: "recommender",
        name: "Recommender",
        tier: 1,
        type: "ml_model",
        description: "Product recommendations model and serving.",
      },
      {
        slug: "fraud-model",
        name: "Fraud Model",
        tier: 1,
        type: "ml_model",
        description: "Real-time fraud scoring model.",
      },
      { slug: "feature-store", name: "Feature Store", tier: 2, description: "Online and offline feature serving." },
      { slug: "model-serving", name: "Model Serving", tier: 2, description: "Shared inference cluster." },
      {
        slug: "churn-model",
        name: "Churn Model",
        tier: 3,
        type: "ml_model",
        lifecycle: "experimental",
        description: "Customer churn propensity.",
        noOnCall: true,
      },
      {
        slug: "training-pipeline",
        name: "Training Pipeline",
        tier: 3,
        type: "data_pipeline",
        description: "Scheduled retraining jobs.",
        noRunbook: true,
      },
      {
        slug: "search-ranker",
        name: "Search Ranker",
        tier: 2,
        type: "ml_model",
        description: "Learning-to-rank model for search.",
      },
    ],
  },
];
