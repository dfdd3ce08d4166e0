import EGovCore
