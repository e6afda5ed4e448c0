//! Where a component can run. The ids are a contract: files and JSON use them.

word_enum!(
    /// A placement: the platform a component runs on.
    Placement {
        /// AWS Lambda, with or without provisioned concurrency.
        Lambda = "lambda",
        /// Lambda@Edge behind CloudFront.
        LambdaEdge = "lambda-edge",
        /// Cloudflare Workers (V8 isolates; bills CPU time).
        CloudflareWorkers = "cloudflare-workers",
        /// ECS on Fargate: serverless containers.
        Fargate = "fargate",
        /// Kubernetes on EC2 nodes (EKS).
        Eks = "eks",
        /// Plain EC2 instances.
        Ec2 = "ec2",
        /// EC2 GPU instances.
        GpuInstance = "gpu-instance",
        /// A hosted serverless GPU API billed per GPU-second.
        ServerlessGpu = "serverless-gpu",
        /// AWS Step Functions Standard workflows.
        StepFunctionsStandard = "step-functions-standard",
        /// AWS Step Functions Express workflows.
        StepFunctionsExpress = "step-functions-express",
        /// Google Cloud Run services: containers that scale with requests.
        CloudRun = "cloud-run",
        /// Google Cloud Run jobs: containers that run tasks to completion.
        CloudRunJobs = "cloud-run-jobs",
        /// Google Cloud Run functions (formerly Cloud Functions 2nd gen), billed as Cloud Run.
        CloudRunFunctions = "cloud-run-functions",
        /// Google Kubernetes Engine in Autopilot mode: pods billed by their requests.
        GkeAutopilot = "gke-autopilot",
        /// ECS on Fargate Spot: Fargate's spare capacity, interrupted with a two-minute warning.
        FargateSpot = "fargate-spot",
        /// Lambda Managed Instances: Lambda functions on EC2 instances Lambda manages, many
        /// requests per execution environment.
        LambdaManagedInstances = "lambda-managed-instances",
        /// Modal: serverless GPU containers billed per GPU-second (any cloud).
        Modal = "modal",
        /// Replicate: a model deployed on Replicate, billed per second of GPU (any cloud).
        Replicate = "replicate",
        /// Lambda durable functions: checkpointed multi-step workflows written as Lambda code.
        LambdaDurableFunctions = "lambda-durable-functions",
        /// Temporal Cloud: hosted durable execution billed per Action (any cloud).
        TemporalCloud = "temporal-cloud",
    }
);

word_enum!(
    /// A cloud whose placements are candidates.
    Provider {
        /// Amazon Web Services (the default).
        Aws = "aws",
        /// Google Cloud.
        Gcp = "gcp",
        /// Microsoft Azure: accepted as a name, but archway has no Azure placements yet.
        Azure = "azure",
    }
);

impl Provider {
    /// The name shown to people.
    pub fn title(self) -> &'static str {
        match self {
            Provider::Aws => "AWS",
            Provider::Gcp => "Google Cloud",
            Provider::Azure => "Azure",
        }
    }
}

/// The cloud a system's data stores are on when it weighs `providers`: AWS whenever AWS is
/// one of them (its stores are priced there), else the first named. A component placed on
/// another cloud reads its data across clouds.
pub fn stores_cloud(providers: &[Provider]) -> Provider {
    if providers.contains(&Provider::Aws) {
        Provider::Aws
    } else {
        providers.first().copied().unwrap_or(Provider::Aws)
    }
}

/// Why a provider cannot be a candidate, if it cannot.
pub fn unsupported(p: Provider) -> Option<&'static str> {
    match p {
        Provider::Azure => Some(
            "no Azure placements yet: archway prices `aws` and `gcp` (Cloudflare Workers is available with either)",
        ),
        _ => None,
    }
}

/// The clouds `--provider` names, in the order given.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Providers(pub Vec<Provider>);

/// Reads `--provider aws,gcp`: the names, each known and supported, none twice.
pub fn parse_providers(s: &str) -> Result<Providers, String> {
    let mut out = Vec::new();
    for name in s.split(',').map(str::trim) {
        let Some(p) = Provider::ALL.iter().copied().find(|p| p.as_str() == name) else {
            let hint = crate::input::suggest(name, Provider::NAMES.iter().copied())
                .map(|s| format!("; did you mean `{s}`?"))
                .unwrap_or_default();
            return Err(format!(
                "unknown provider `{name}`: expected {}{hint}",
                Provider::NAMES.join(", ")
            ));
        };
        if let Some(why) = unsupported(p) {
            return Err(why.to_string());
        }
        if !out.contains(&p) {
            out.push(p);
        }
    }
    Ok(Providers(out))
}

const _: () = assert!(Placement::ALL.len() <= 64, "placements fit a 64-bit set");

impl Placement {
    /// The placement as one bit of a set of placements (a `u64`).
    pub fn bit(self) -> u64 {
        1u64 << (self as u32)
    }

    /// The set of `ps`, one [`Placement::bit`] each.
    pub fn set_of<'a>(ps: impl IntoIterator<Item = &'a Placement>) -> u64 {
        ps.into_iter().fold(0, |set, p| set | p.bit())
    }

    /// The name shown to people.
    pub fn title(self) -> &'static str {
        match self {
            Placement::Lambda => "AWS Lambda",
            Placement::LambdaEdge => "Lambda@Edge",
            Placement::CloudflareWorkers => "Cloudflare Workers",
            Placement::Fargate => "ECS on Fargate",
            Placement::Eks => "EKS on EC2",
            Placement::Ec2 => "EC2 instances",
            Placement::GpuInstance => "EC2 GPU instances",
            Placement::ServerlessGpu => "Serverless GPU API",
            Placement::StepFunctionsStandard => "Step Functions Standard",
            Placement::StepFunctionsExpress => "Step Functions Express",
            Placement::CloudRun => "Cloud Run",
            Placement::CloudRunJobs => "Cloud Run jobs",
            Placement::CloudRunFunctions => "Cloud Run functions",
            Placement::GkeAutopilot => "GKE Autopilot",
            Placement::FargateSpot => "ECS on Fargate Spot",
            Placement::LambdaManagedInstances => "Lambda Managed Instances",
            Placement::Modal => "Modal",
            Placement::Replicate => "Replicate",
            Placement::TemporalCloud => "Temporal Cloud",
            Placement::LambdaDurableFunctions => "Lambda durable functions",
        }
    }

    /// The cloud the placement belongs to; `None` for a third-party service that is a
    /// candidate whichever clouds are: Cloudflare Workers, Modal, Replicate and Temporal
    /// Cloud are reached over the internet from any cloud and bill on their own
    /// account, so a workload on AWS, Google Cloud or both is offered them alike.
    pub fn provider(self) -> Option<Provider> {
        match self {
            Placement::CloudflareWorkers
            | Placement::Modal
            | Placement::Replicate
            | Placement::TemporalCloud => None,
            Placement::CloudRun
            | Placement::CloudRunJobs
            | Placement::CloudRunFunctions
            | Placement::GkeAutopilot => Some(Provider::Gcp),
            _ => Some(Provider::Aws),
        }
    }

    /// Whether the placement is a candidate when the workload names `providers`.
    pub fn offered(self, providers: &[Provider]) -> bool {
        self.provider().is_none_or(|p| providers.contains(&p))
    }

    /// The placements offered to a workload naming `providers`, in the fixed order.
    pub fn offered_to(providers: &[Provider]) -> impl Iterator<Item = Placement> + '_ {
        Placement::ALL
            .iter()
            .copied()
            .filter(move |p| p.offered(providers))
    }
}
