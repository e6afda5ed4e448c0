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
    }
);

impl Placement {
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
        }
    }
}
